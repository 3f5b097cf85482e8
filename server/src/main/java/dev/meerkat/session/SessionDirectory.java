package dev.meerkat.session;

import dev.meerkat.jid.Jid;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Answers "where is this full JID?" and "which resources does this account have?". On one node it
 * is local memory ({@link LocalSessionDirectory}); a cluster shares it. Implementations are
 * thread-safe and never block for long: the router calls them on every stanza.
 */
public interface SessionDirectory {
    /** Adds or updates (same full JID) an entry. Returns the entry it replaced, if any. */
    Optional<SessionRef> put(SessionRef session);

    /** Removes exactly this entry (not a newer session with the same JID). */
    void remove(SessionRef session);

    Optional<SessionRef> find(Jid fullJid);

    /** The account's sessions, in no particular order; empty if none. */
    List<SessionRef> resources(Jid bareJid);

    int count();

    Collection<SessionRef> all();
}
