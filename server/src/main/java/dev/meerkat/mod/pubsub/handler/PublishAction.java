package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.mod.pubsub.DataForms;
import dev.meerkat.mod.pubsub.PubSubError;
import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.PubSubStore;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.mod.pubsub.model.PubSubItem;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * XEP-0060 §7.1 publish, with §7.1.5 publish-options as preconditions, and XEP-0163 §3 auto-create
 * on a PEP service (the options then become the new node's configuration).
 */
public final class PublishAction implements Action {
    @Override
    public Element handle(PubSubService svc, Request r) {
        String nodeId = PubSubService.nodeId(r.action());
        List<Element> items = r.action().children("item", PubSubNs.PUBSUB);
        if (items.size() > 1) throw PubSubError.text(StanzaError.BAD_REQUEST, "invalid-payload", "one item per publish");
        Map<String, List<String>> options = publishOptions(r);
        PubSubNode node = svc.store().node(r.service(), nodeId, svc.defaults()).orElse(null);
        if (node == null) {
            node = autoCreate(svc, r, nodeId, options);
        } else if (!options.isEmpty() && !node.config().satisfies(options)) {
            throw PubSubError.text(StanzaError.CONFLICT, "precondition-not-met", "the node's configuration differs from the publish options");
        }
        if (!svc.access().mayPublish(node, r.from())) throw PubSubError.forbidden();

        NodeConfig config = node.config();
        boolean transientNotification = !config.flag(NodeConfig.PERSIST_ITEMS) && !config.flag(NodeConfig.DELIVER_PAYLOADS);
        Element item = items.isEmpty() ? null : items.getFirst();
        Element payload = item == null ? null : payload(item);
        if (transientNotification && payload != null) throw PubSubError.of(StanzaError.BAD_REQUEST, "item-forbidden");
        if (!transientNotification && item == null) throw PubSubError.of(StanzaError.BAD_REQUEST, "item-required");
        if (!transientNotification && payload == null) throw PubSubError.of(StanzaError.BAD_REQUEST, "payload-required");

        String id = item == null || item.attr("id") == null || item.attr("id").isEmpty() ? svc.newId() : item.attr("id");
        if (id.length() > PubSubStore.MAX_KEY_LENGTH) throw PubSubError.text(StanzaError.NOT_ACCEPTABLE, null, "item id too long");
        PubSubItem published = new PubSubItem(id, payload, r.from(), svc.clock().instant());
        // a non-persistent node still keeps its last item so that it can be sent on presence
        if (payload != null) svc.store().publish(r.service(), nodeId, published, config.maxItems(svc.maxItems()));
        svc.notifier().published(node, published, svc.recipientsOf(node));
        return Element.builder("pubsub", PubSubNs.PUBSUB)
                .child(Element.builder("publish", PubSubNs.PUBSUB).attr("node", nodeId)
                        .child(Element.builder("item", PubSubNs.PUBSUB).attr("id", id).build()).build())
                .build();
    }

    private static PubSubNode autoCreate(PubSubService svc, Request r, String nodeId, Map<String, List<String>> options) {
        if (!svc.pep()) throw PubSubError.nodeNotFound();
        if (!r.requester().equals(r.service())) throw PubSubError.forbidden();
        NodeConfig config;
        try {
            config = svc.defaults().with(options);
        } catch (IllegalArgumentException e) {
            throw PubSubError.text(StanzaError.CONFLICT, "precondition-not-met", e.getMessage());
        }
        PubSubNode node = new PubSubNode(r.service(), nodeId, r.requester(), config);
        if (svc.store().createNode(node)) return node;
        return svc.node(r.service(), nodeId);  // created concurrently by another resource
    }

    private static Map<String, List<String>> publishOptions(Request r) {
        Optional<Element> x = r.sibling("publish-options").flatMap(o -> o.child("x", PubSubNs.DATA));
        if (x.isEmpty()) return Map.of();
        Map<String, List<String>> fields = DataForms.fields(x.get());
        if (!PubSubNs.PUBLISH_OPTIONS.equals(DataForms.formType(fields))) {
            throw PubSubError.text(StanzaError.BAD_REQUEST, "invalid-options", "FORM_TYPE must be " + PubSubNs.PUBLISH_OPTIONS);
        }
        Map<String, List<String>> options = new java.util.LinkedHashMap<>(fields);
        options.remove("FORM_TYPE");
        return options;
    }

    private static Element payload(Element item) {
        List<Element> children = item.elements();
        if (children.size() > 1) throw PubSubError.text(StanzaError.BAD_REQUEST, "invalid-payload", "one payload element per item");
        return children.isEmpty() ? null : children.getFirst();
    }
}
