package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

import java.util.Optional;

/**
 * A pubsub request as a handler sees it.
 *
 * @param service   the service addressed (PEP: the account's bare JID)
 * @param from      the requester's full JID
 * @param pubsub    the whole {@code <pubsub/>} payload
 * @param action    the child naming the action (publish, create, items...)
 */
public record Request(Jid service, Jid from, Element pubsub, Element action) {
    /** A sibling of the action in the same namespace, such as {@code <configure/>} or {@code <publish-options/>}. */
    public Optional<Element> sibling(String name) {
        return pubsub.child(name, pubsub.namespace());
    }

    public Jid requester() { return from.bare(); }
}
