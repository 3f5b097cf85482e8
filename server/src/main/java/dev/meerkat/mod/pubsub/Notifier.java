package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.mod.pubsub.model.PubSubItem;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.routing.Router;
import dev.meerkat.stanza.Message;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/** Builds XEP-0060 §7–8 event notifications and sends them from the service (the owner's bare JID for PEP). */
public final class Notifier {
    private final Router router;
    private final AtomicLong ids = new AtomicLong();

    public Notifier(Router router) {
        this.router = router;
    }

    /** §7.1.2.1: a published item, with its payload when the node delivers payloads. */
    public void published(PubSubNode node, PubSubItem item, Collection<Jid> to) {
        send(node, to, items(node, item));
    }

    public static Element items(PubSubNode node, PubSubItem item) {
        Element.Builder i = Element.builder("item", PubSubNs.EVENT).attr("id", item.id());
        if (item.publisher() != null) i.attr("publisher", item.publisher().bare().toString());
        if (item.payload() != null && node.config().flag(NodeConfig.DELIVER_PAYLOADS)) i.child(item.payload());
        return Element.builder("items", PubSubNs.EVENT).attr("node", node.id()).child(i.build()).build();
    }

    /** §7.2.2.1 */
    public void retracted(PubSubNode node, String itemId, Collection<Jid> to) {
        send(node, to, Element.builder("items", PubSubNs.EVENT).attr("node", node.id())
                .child(Element.builder("retract", PubSubNs.EVENT).attr("id", itemId).build()).build());
    }

    /** §8.4.2 */
    public void deleted(PubSubNode node, Collection<Jid> to) {
        send(node, to, Element.builder("delete", PubSubNs.EVENT).attr("node", node.id()).build());
    }

    /** §8.5.2 */
    public void purged(PubSubNode node, Collection<Jid> to) {
        send(node, to, Element.builder("purge", PubSubNs.EVENT).attr("node", node.id()).build());
    }

    /** §8.2.5.2: the new configuration, as a form when the node delivers payloads. */
    public void configured(PubSubNode node, Collection<Jid> to) {
        Element.Builder c = Element.builder("configuration", PubSubNs.EVENT).attr("node", node.id());
        if (node.config().flag(NodeConfig.DELIVER_PAYLOADS)) c.child(DataForms.configForm(node.config(), PubSubNs.NODE_CONFIG, "result"));
        send(node, to, c.build());
    }

    /** Sends one event to each JID. */
    public void send(PubSubNode node, Collection<Jid> to, Element event) {
        String type = node.config().single(NodeConfig.NOTIFICATION_TYPE).orElse("headline");
        for (Jid recipient : to) {
            Element message = Element.builder("message", Ns.CLIENT)
                    .attr("type", type).attr("id", "pubsub-" + ids.incrementAndGet())
                    .attr("from", node.service().toString()).attr("to", recipient.toString())
                    .child(Element.builder("event", PubSubNs.EVENT).child(event).build())
                    .build();
            router.route(new Message(message, node.service(), recipient));
        }
    }
}
