package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.xml.Element;

/** XEP-0060 §8.5 purge all items; owners only; notifies when the node notifies retractions. */
public final class PurgeAction implements Action {
    @Override
    public Element handle(PubSubService svc, Request r) {
        PubSubNode node = svc.ownedNode(r.service(), PubSubService.nodeId(r.action()), r.from());
        svc.store().purge(node.service(), node.id());
        if (node.config().flag(NodeConfig.NOTIFY_RETRACT)) svc.notifier().purged(node, svc.recipientsOf(node));
        return null;
    }
}
