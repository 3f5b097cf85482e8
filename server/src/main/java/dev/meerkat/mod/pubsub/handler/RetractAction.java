package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.mod.pubsub.PubSubError;
import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.Affiliation;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.util.List;

/** XEP-0060 §7.2 delete an item: by its publisher-class affiliates; notifies when asked or configured. */
public final class RetractAction implements Action {
    @Override
    public Element handle(PubSubService svc, Request r) {
        String nodeId = PubSubService.nodeId(r.action());
        List<Element> items = r.action().children("item", PubSubNs.PUBSUB);
        if (items.isEmpty() || items.getFirst().attr("id") == null) throw PubSubError.of(StanzaError.BAD_REQUEST, "item-required");
        String id = items.getFirst().attr("id");
        PubSubNode node = svc.node(r.service(), nodeId);
        Affiliation a = svc.access().affiliation(node, r.from());
        if (a != Affiliation.OWNER && a != Affiliation.PUBLISHER) throw PubSubError.forbidden();
        if (!svc.store().retract(r.service(), nodeId, id)) throw PubSubError.nodeNotFound();
        String notify = r.action().attr("notify");
        if ("true".equals(notify) || "1".equals(notify) || node.config().flag(NodeConfig.NOTIFY_RETRACT)) {
            svc.notifier().retracted(node, id, svc.recipientsOf(node));
        }
        return null;
    }
}
