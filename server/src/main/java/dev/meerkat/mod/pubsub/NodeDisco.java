package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.model.PubSubItem;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.ArrayList;
import java.util.List;

/**
 * XEP-0060 §5 discovery answers about a service's nodes, shared by the component and PEP: the
 * nodes a requester may read (§5.2), a node's info with its meta-data form (§5.3, §5.4) and its
 * items by id (§5.5).
 */
final class NodeDisco {
    private NodeDisco() {}

    /** §5.2: one item per node of the service the requester may read. */
    static List<Element> nodes(PubSubService svc, Jid service, Jid requester) {
        List<Element> out = new ArrayList<>();
        for (PubSubNode n : svc.store().nodes(service, svc.defaults())) {
            if (!svc.access().mayRead(n, requester)) continue;
            out.add(Element.builder("item", Ns.DISCO_ITEMS).attr("jid", service.toString()).attr("node", n.id()).build());
        }
        return out;
    }

    /** §5.3/§5.4: the leaf identity, features and the node's meta-data. */
    static List<Element> info(PubSubNode node) {
        return List.of(identity("leaf", null), feature(PubSubNs.PUBSUB), feature(Ns.DISCO_INFO), feature(Ns.DISCO_ITEMS),
                DataForms.configForm(node.config(), PubSubNs.META_DATA, "result"));
    }

    /** §5.5: the node's items as disco items named by their ids; none when the requester may not read them. */
    static List<Element> items(PubSubService svc, PubSubNode node, Jid requester) {
        List<Element> out = new ArrayList<>();
        if (!svc.access().mayRead(node, requester)) return out;
        for (PubSubItem i : svc.store().items(node.service(), node.id(), svc.maxItems())) {
            out.add(Element.builder("item", Ns.DISCO_ITEMS).attr("jid", node.service().toString()).attr("name", i.id()).build());
        }
        return out;
    }

    static Element identity(String type, String name) {
        return Element.builder("identity", Ns.DISCO_INFO).attr("category", "pubsub").attr("type", type).attr("name", name).build();
    }

    static Element feature(String var) {
        return Element.builder("feature", Ns.DISCO_INFO).attr("var", var).build();
    }
}
