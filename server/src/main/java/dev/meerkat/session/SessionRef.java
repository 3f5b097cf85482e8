package dev.meerkat.session;

import dev.meerkat.jid.Jid;
import dev.meerkat.stanza.Stanza;

/**
 * A bound session as the router sees it: where a full JID lives and how to hand it a stanza. The
 * session may be on this node or, in a cluster, on another; callers must not assume which.
 */
public interface SessionRef {
    /** The full JID bound to the session. */
    Jid jid();

    /** Name of the node holding the session. */
    String node();

    /** Presence priority of the last available presence; 0 before any. */
    int priority();

    /** True once the session has sent available presence and not since gone unavailable. */
    boolean available();

    /**
     * Hands the stanza to the session for delivery to its client. Never blocks: the stanza is queued
     * on the recipient's own executor, so a slow recipient cannot slow the sender. If the session has
     * ended meanwhile, the stanza is handed back to the router as undeliverable.
     */
    void deliver(Stanza stanza);
}
