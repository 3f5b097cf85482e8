package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.Affiliation;
import dev.meerkat.xml.Element;

import java.util.Map;

/** XEP-0060 §5.7 the requester's own affiliations, on the whole service or one node. */
public final class AffiliationsAction implements Action {
    @Override
    public Element handle(PubSubService svc, Request r) {
        String only = r.action().attr("node");
        Element.Builder affs = Element.builder("affiliations", PubSubNs.PUBSUB).attr("node", only);
        for (Map.Entry<String, Affiliation> e : svc.store().affiliationsOf(r.service(), r.requester()).entrySet()) {
            if (only != null && !only.equals(e.getKey())) continue;
            affs.child(Element.builder("affiliation", PubSubNs.PUBSUB).attr("node", e.getKey())
                    .attr("affiliation", e.getValue().xml()).build());
        }
        return Element.builder("pubsub", PubSubNs.PUBSUB).child(affs.build()).build();
    }
}
