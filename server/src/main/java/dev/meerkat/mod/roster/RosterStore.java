package dev.meerkat.mod.roster;

import dev.meerkat.jid.Jid;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The rosters of local users and their version numbers (XEP-0237). Every change of a user's items
 * increments the user's version. Methods block on storage: never call them on a Netty event loop.
 */
public interface RosterStore {
    /** Longest contact JID the store can keep (characters). */
    int MAX_CONTACT_LENGTH = 250;
    /** Longest name, group name and status text the store can keep (characters). */
    int MAX_TEXT_LENGTH = 1024;

    /** The outcome of {@link #update}: the item before and after, and the user's roster version after. */
    record Change(Optional<RosterItem> before, Optional<RosterItem> after, long version) {
        public boolean changed() { return !before.equals(after); }
    }

    /** Every item of the user, hidden entries included, in no particular order. */
    List<RosterItem> items(Jid user);

    Optional<RosterItem> item(Jid user, Jid contact);

    /** The user's roster version: 0 until the first change. */
    long version(Jid user);

    /**
     * Reads the user's item for the contact, applies {@code change} (empty = absent) and writes the
     * result, all under a lock on the user's roster so concurrent changes of the same roster are
     * applied one after the other. An unchanged result writes nothing and keeps the version. The
     * function may run more than once and must have no side effects; an exception it throws
     * leaves the roster as it was and is rethrown.
     *
     * @throws IllegalArgumentException if the contact or a text is longer than the store allows
     */
    Change update(Jid user, Jid contact, UnaryOperator<Optional<RosterItem>> change);

    /** Removes the user's roster and version (the account was removed). */
    void removeAll(Jid user);
}
