package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.SubscriptionOptions;
import dev.meerkat.xml.Element;

/** XEP-0060 §6.4 the default subscription options, of the service or of one (existing) node. */
public final class DefaultOptionsAction implements Action {
    @Override
    public Element handle(PubSubService svc, Request r) {
        String nodeId = r.action().attr("node");
        if (nodeId != null) svc.node(r.service(), nodeId);
        return Element.builder("pubsub", PubSubNs.PUBSUB)
                .child(Element.builder("default", PubSubNs.PUBSUB).attr("node", nodeId)
                        .child(OptionsAction.form(SubscriptionOptions.DEFAULT, "form")).build())
                .build();
    }
}
