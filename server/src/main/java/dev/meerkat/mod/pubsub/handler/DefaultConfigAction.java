package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.mod.pubsub.DataForms;
import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.xml.Element;

/** XEP-0060 §8.3 the default node configuration. */
public final class DefaultConfigAction implements Action {
    @Override
    public Element handle(PubSubService svc, Request r) {
        return Element.builder("pubsub", PubSubNs.OWNER)
                .child(Element.builder("default", PubSubNs.OWNER)
                        .child(DataForms.configForm(svc.defaults(), PubSubNs.NODE_CONFIG, "form")).build())
                .build();
    }
}
