package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.PubSubError;
import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.NodeSubscription;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

/** XEP-0060 §8.8 manage subscriptions: owners list them, or set them to subscribed or none. */
public final class OwnerSubscriptionsAction implements Action {
    private final boolean set;

    public OwnerSubscriptionsAction(boolean set) {
        this.set = set;
    }

    @Override
    public Element handle(PubSubService svc, Request r) {
        PubSubNode node = svc.ownedNode(r.service(), PubSubService.nodeId(r.action()), r.from());
        if (set) {
            for (Element e : r.action().children("subscription", PubSubNs.OWNER)) {
                Jid jid = Jid.parseOrNull(e.attr("jid"));
                NodeSubscription.State state = NodeSubscription.State.fromXml(e.attr("subscription"));
                if (jid == null || state == null) throw PubSubError.of(StanzaError.BAD_REQUEST);
                String subid = e.attr("subid") != null ? e.attr("subid") : svc.newId();
                svc.store().setSubscription(node.service(), node.id(), new NodeSubscription(jid, subid, state));
            }
            return null;
        }
        Element.Builder subs = Element.builder("subscriptions", PubSubNs.OWNER).attr("node", node.id());
        for (NodeSubscription s : svc.store().subscriptions(node.service(), node.id())) {
            subs.child(Element.builder("subscription", PubSubNs.OWNER).attr("jid", s.jid().toString())
                    .attr("subscription", s.state().xml()).attr("subid", s.subid()).build());
        }
        return Element.builder("pubsub", PubSubNs.OWNER).child(subs.build()).build();
    }
}
