package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.PubSubError;
import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.NodeSubscription;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.mod.pubsub.model.SubscriptionOptions;
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
                // an existing subscription keeps its id and options
                NodeSubscription old = svc.store().subscriptions(node.service(), node.id()).stream()
                        .filter(s -> s.jid().equals(jid)).findFirst().orElse(null);
                String subid = e.attr("subid") != null ? e.attr("subid") : old != null ? old.subid() : svc.newId();
                SubscriptionOptions options = old != null ? old.options() : SubscriptionOptions.DEFAULT;
                svc.store().setSubscription(node.service(), node.id(), new NodeSubscription(jid, subid, state, options));
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
