package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.xml.Element;

import java.util.Set;

/** XEP-0060 §8.4 delete a node; owners only; subscribers hear of it when the node says so. */
public final class DeleteAction implements Action {
    @Override
    public Element handle(PubSubService svc, Request r) {
        PubSubNode node = svc.ownedNode(r.service(), PubSubService.nodeId(r.action()), r.from());
        // computed before the subscriptions go with the node
        Set<Jid> to = node.config().flag(NodeConfig.NOTIFY_DELETE) ? svc.recipientsOf(node) : Set.of();
        svc.store().deleteNode(node.service(), node.id());
        svc.notifier().deleted(node, to);
        return null;
    }
}
