package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.mod.pubsub.PubSubError;
import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.PubSubItem;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.util.ArrayList;
import java.util.List;

/** XEP-0060 §6.5 retrieve items: all (newest first), the newest {@code max_items}, or by id. */
public final class ItemsAction implements Action {
    @Override
    public Element handle(PubSubService svc, Request r) {
        String nodeId = PubSubService.nodeId(r.action());
        PubSubNode node = svc.node(r.service(), nodeId);
        svc.access().readDenied(node, r.from()).ifPresent(e -> { throw e; });
        List<PubSubItem> found = new ArrayList<>();
        List<Element> asked = r.action().children("item", PubSubNs.PUBSUB);
        if (!asked.isEmpty()) {
            for (Element a : asked) {
                if (a.attr("id") == null) throw PubSubError.of(StanzaError.BAD_REQUEST, "item-required");
                svc.store().item(r.service(), nodeId, a.attr("id")).ifPresent(found::add);
            }
        } else {
            found.addAll(svc.store().items(r.service(), nodeId, maxItems(r.action(), svc.maxItems())));
        }
        Element.Builder items = Element.builder("items", PubSubNs.PUBSUB).attr("node", nodeId);
        for (PubSubItem i : found) items.child(item(i));
        return Element.builder("pubsub", PubSubNs.PUBSUB).child(items.build()).build();
    }

    static Element item(PubSubItem i) {
        Element.Builder b = Element.builder("item", PubSubNs.PUBSUB).attr("id", i.id());
        if (i.publisher() != null) b.attr("publisher", i.publisher().bare().toString());
        if (i.payload() != null) b.child(i.payload());
        return b.build();
    }

    private static int maxItems(Element action, int limit) {
        String max = action.attr("max_items");
        if (max == null) return limit;
        try {
            int n = Integer.parseInt(max);
            if (n < 1) throw new NumberFormatException();
            return Math.min(n, limit);
        } catch (NumberFormatException e) {
            throw PubSubError.text(StanzaError.BAD_REQUEST, null, "max_items must be a positive number");
        }
    }
}
