package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.PubSubError;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.NodeSubscription;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

/** XEP-0060 §6.2 unsubscribe, with the §6.2.3 errors. */
public final class UnsubscribeAction implements Action {
    @Override
    public Element handle(PubSubService svc, Request r) {
        String nodeId = PubSubService.nodeId(r.action());
        Jid jid = Jid.parseOrNull(r.action().attr("jid"));
        if (jid == null) throw PubSubError.of(StanzaError.BAD_REQUEST, "invalid-jid");
        if (!jid.bare().equals(r.requester())) throw PubSubError.forbidden();
        svc.node(r.service(), nodeId);
        NodeSubscription sub = svc.store().subscriptions(r.service(), nodeId).stream()
                .filter(s -> s.jid().equals(jid)).findFirst()
                .orElseThrow(() -> PubSubError.of(StanzaError.UNEXPECTED_REQUEST, "not-subscribed"));
        String subid = r.action().attr("subid");
        if (subid != null && !subid.equals(sub.subid())) throw PubSubError.of(StanzaError.NOT_ACCEPTABLE, "invalid-subid");
        svc.store().setSubscription(r.service(), nodeId, new NodeSubscription(jid, sub.subid(), NodeSubscription.State.NONE));
        return null;
    }
}
