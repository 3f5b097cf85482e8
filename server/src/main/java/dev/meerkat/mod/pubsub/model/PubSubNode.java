package dev.meerkat.mod.pubsub.model;

import dev.meerkat.jid.Jid;

/**
 * A leaf node of a pubsub service.
 *
 * @param service the service: an account's bare JID (PEP) or the pubsub component's domain
 * @param id      the NodeID
 * @param owner   the bare JID that created it
 * @param config  its configuration
 */
public record PubSubNode(Jid service, String id, Jid owner, NodeConfig config) {
    public PubSubNode withConfig(NodeConfig newConfig) { return new PubSubNode(service, id, owner, newConfig); }
}
