package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.PubSubError;
import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.NodeSubscription;
import dev.meerkat.mod.pubsub.model.PubSubItem;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.mod.pubsub.model.SubscriptionOptions;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.util.List;

/**
 * XEP-0060 §6.1 subscribe: the JID must have the sender's bare JID (§6.1.3.1); the access model
 * decides. Subscribing again keeps the subscription id. Options may come along (§6.3.7). The last
 * item follows when the node sends it on subscription (§6.1.7) and the options let it be delivered.
 */
public final class SubscribeAction implements Action {
    @Override
    public Element handle(PubSubService svc, Request r) {
        String nodeId = PubSubService.nodeId(r.action());
        Jid jid = jid(r);
        PubSubNode node = svc.node(r.service(), nodeId);
        svc.access().readDenied(node, r.from()).ifPresent(e -> { throw e; });
        SubscriptionOptions options = OptionsAction.submittedWith(r);
        String subid = svc.store().subscriptions(r.service(), nodeId).stream()
                .filter(s -> s.jid().equals(jid)).map(NodeSubscription::subid).findFirst().orElseGet(svc::newId);
        svc.store().setSubscription(r.service(), nodeId, new NodeSubscription(jid, subid, NodeSubscription.State.SUBSCRIBED, options));
        if (options.deliver() && !node.config().sendLast().equals("never")) {
            List<PubSubItem> last = svc.store().items(r.service(), nodeId, 1);
            if (!last.isEmpty()) svc.notifier().published(node, last.getFirst(), List.of(jid));
        }
        return Element.builder("pubsub", PubSubNs.PUBSUB)
                .child(subscription(nodeId, jid, subid, NodeSubscription.State.SUBSCRIBED, PubSubNs.PUBSUB)).build();
    }

    static Jid jid(Request r) {
        Jid jid = Jid.parseOrNull(r.action().attr("jid"));
        if (jid == null) throw PubSubError.of(StanzaError.BAD_REQUEST, "invalid-jid");
        if (!jid.bare().equals(r.requester())) throw PubSubError.of(StanzaError.BAD_REQUEST, "invalid-jid");
        if (jid.toString().length() > dev.meerkat.mod.pubsub.PubSubStore.MAX_KEY_LENGTH) {
            throw PubSubError.text(StanzaError.NOT_ACCEPTABLE, null, "JID too long");
        }
        return jid;
    }

    static Element subscription(String node, Jid jid, String subid, NodeSubscription.State state, String ns) {
        return Element.builder("subscription", ns).attr("node", node).attr("jid", jid.toString())
                .attr("subid", subid).attr("subscription", state.xml()).build();
    }
}
