package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.NodeSubscription;
import dev.meerkat.xml.Element;

import java.util.List;
import java.util.Map;

/** XEP-0060 §5.6 the requester's own subscriptions, on the whole service or one node. */
public final class SubscriptionsAction implements Action {
    @Override
    public Element handle(PubSubService svc, Request r) {
        String only = r.action().attr("node");
        Element.Builder subs = Element.builder("subscriptions", PubSubNs.PUBSUB).attr("node", only);
        for (Map.Entry<String, List<NodeSubscription>> e : svc.store().subscriptionsOf(r.service(), r.requester()).entrySet()) {
            if (only != null && !only.equals(e.getKey())) continue;
            for (NodeSubscription s : e.getValue()) {
                subs.child(SubscribeAction.subscription(e.getKey(), s.jid(), s.subid(), s.state(), PubSubNs.PUBSUB));
            }
        }
        return Element.builder("pubsub", PubSubNs.PUBSUB).child(subs.build()).build();
    }
}
