package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.mod.pubsub.DataForms;
import dev.meerkat.mod.pubsub.PubSubError;
import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

/** XEP-0060 §8.2 configure a node: get the form, or submit (or cancel) it; owners only. */
public final class ConfigureAction implements Action {
    private final boolean submit;

    public ConfigureAction(boolean submit) {
        this.submit = submit;
    }

    @Override
    public Element handle(PubSubService svc, Request r) {
        String nodeId = PubSubService.nodeId(r.action());
        PubSubNode node = svc.ownedNode(r.service(), nodeId, r.from());
        if (!submit) {
            return Element.builder("pubsub", PubSubNs.OWNER)
                    .child(Element.builder("configure", PubSubNs.OWNER).attr("node", nodeId)
                            .child(DataForms.configForm(node.config(), PubSubNs.NODE_CONFIG, "form")).build())
                    .build();
        }
        Element x = r.action().child("x", PubSubNs.DATA)
                .orElseThrow(() -> PubSubError.text(StanzaError.BAD_REQUEST, null, "no configuration form"));
        if ("cancel".equals(x.attr("type"))) return null;
        NodeConfig config = svc.configure(node.config(), DataForms.fields(x));
        svc.store().updateConfig(r.service(), nodeId, config);
        PubSubNode updated = node.withConfig(config);
        if (config.flag(NodeConfig.NOTIFY_CONFIG)) svc.notifier().configured(updated, svc.recipientsOf(updated));
        return null;
    }
}
