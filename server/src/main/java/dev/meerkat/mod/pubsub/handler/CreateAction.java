package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.mod.pubsub.DataForms;
import dev.meerkat.mod.pubsub.PubSubError;
import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

/** XEP-0060 §8.1 create a node, with a configuration (§8.1.3) or as an instant node (§8.1.2). */
public final class CreateAction implements Action {
    @Override
    public Element handle(PubSubService svc, Request r) {
        boolean instant = r.action().attr("node") == null || r.action().attr("node").isEmpty();
        String nodeId = instant ? svc.newId() : PubSubService.nodeId(r.action());
        if (!svc.mayCreate().test(r.service(), r.requester())) throw PubSubError.forbidden();
        NodeConfig config = svc.defaults();
        var form = r.sibling("configure").flatMap(c -> c.child("x", PubSubNs.DATA));
        if (form.isPresent()) config = svc.configure(config, DataForms.fields(form.get()));
        if (!svc.store().createNode(new PubSubNode(r.service(), nodeId, r.requester(), config))) {
            throw PubSubError.of(StanzaError.CONFLICT);
        }
        if (!instant) return null;
        return Element.builder("pubsub", PubSubNs.PUBSUB)
                .child(Element.builder("create", PubSubNs.PUBSUB).attr("node", nodeId).build()).build();
    }
}
