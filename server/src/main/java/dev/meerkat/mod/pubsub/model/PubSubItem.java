package dev.meerkat.mod.pubsub.model;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

import java.time.Instant;

/**
 * A published item.
 *
 * @param id        the item id (given by the publisher or made up by the service)
 * @param payload   the payload element, or null for a notification-only item
 * @param publisher the publisher's JID as it was received (full for local users)
 * @param published when the service accepted it, to the millisecond
 */
public record PubSubItem(String id, Element payload, Jid publisher, Instant published) {}
