package dev.meerkat.routing;

import dev.meerkat.stanza.Stanza;

import java.util.function.Consumer;

/**
 * Routes a stanza to where its 'to' lives: a local account or the server itself (local delivery
 * rules of RFC 6121 §8), a service of this server (a component domain such as {@code muc.host}), or
 * another server. Blocking is allowed (user look-ups): call it from a session executor or another
 * non-event-loop thread, never from a Netty event loop.
 */
public interface Router {
    /** Routes a stanza whose 'from' is already trustworthy (stamped by the sender's session or a service). */
    void route(Stanza stanza);

    /**
     * Registers a service domain (e.g. {@code muc.localhost}); stanzas to it and to any JID at it go
     * to the handler, on the sender's thread. Returns the handle that removes it.
     */
    Runnable registerService(String domain, Consumer<Stanza> handler);

    /** A stanza that could not be delivered to the session it was routed to (the session ended). */
    void undeliverable(Stanza stanza);
}
