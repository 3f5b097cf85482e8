package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.model.PubSubItem;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.routing.Router;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.List;
import java.util.function.Consumer;

/**
 * The pubsub component at its own domain ({@code pubsub.<host>}): answers pubsub and disco IQs
 * (XEP-0060 §5: the service, its nodes as items, a node's info with its meta-data, a node's items);
 * other stanzas to it are ignored, other IQ requests get service-unavailable.
 */
public final class ServiceComponent implements Consumer<Stanza> {
    static final List<String> FEATURES = List.of("create-nodes", "delete-nodes", "purge-nodes", "publish", "retract-items",
            "retrieve-items", "subscribe", "retrieve-subscriptions", "retrieve-affiliations", "manage-subscriptions",
            "modify-affiliations", "config-node", "retrieve-default", "instant-nodes", "item-ids", "persistent-items",
            "publish-options", "access-open", "access-presence", "access-roster", "access-whitelist", "publisher-affiliation",
            "outcast-affiliation", "member-affiliation", "last-published", "delete-items");

    private final Jid domain;
    private final PubSubService service;
    private final PubSubDispatcher dispatcher;
    private final Router router;
    private final String name;

    public ServiceComponent(Jid domain, PubSubService service, PubSubDispatcher dispatcher, Router router, String name) {
        this.domain = domain;
        this.service = service;
        this.dispatcher = dispatcher;
        this.router = router;
        this.name = name;
    }

    @Override
    public void accept(Stanza stanza) {
        if (!(stanza instanceof Iq iq) || !iq.isRequest()) return;
        router.route(reply(iq));
    }

    Iq reply(Iq iq) {
        if (iq.to().hasLocal() || iq.to().hasResource()) return StanzaError.SERVICE_UNAVAILABLE.replyTo(iq);
        Element payload = iq.payload().orElse(null);
        if (payload == null) return StanzaError.BAD_REQUEST.replyTo(iq);
        if (payload.is("pubsub", PubSubNs.PUBSUB) || payload.is("pubsub", PubSubNs.OWNER)) {
            return dispatcher.handle(service, domain, iq);
        }
        if (iq.type() == Iq.Type.GET && payload.is("query", Ns.DISCO_INFO)) return info(iq, payload.attr("node"));
        if (iq.type() == Iq.Type.GET && payload.is("query", Ns.DISCO_ITEMS)) return items(iq, payload.attr("node"));
        return StanzaError.SERVICE_UNAVAILABLE.replyTo(iq);
    }

    private Iq info(Iq iq, String nodeId) {
        Element.Builder q = Element.builder("query", Ns.DISCO_INFO).attr("node", nodeId);
        if (nodeId == null) {
            q.child(identity("service", name));
            q.child(feature(Ns.DISCO_INFO)).child(feature(Ns.DISCO_ITEMS)).child(feature(PubSubNs.PUBSUB));
            for (String f : FEATURES) q.child(feature(PubSubNs.feature(f)));
            return iq.result(q.build());
        }
        PubSubNode node = service.store().node(domain, nodeId, service.defaults()).orElse(null);
        if (node == null) return StanzaError.ITEM_NOT_FOUND.replyTo(iq);
        q.child(identity("leaf", null)).child(feature(PubSubNs.PUBSUB)).child(feature(Ns.DISCO_INFO));
        q.child(DataForms.configForm(node.config(), PubSubNs.META_DATA, "result"));
        return iq.result(q.build());
    }

    private Iq items(Iq iq, String nodeId) {
        Element.Builder q = Element.builder("query", Ns.DISCO_ITEMS).attr("node", nodeId);
        if (nodeId == null) {
            for (PubSubNode n : service.store().nodes(domain, service.defaults())) {
                if (!service.access().mayRead(n, iq.from())) continue;
                q.child(Element.builder("item", Ns.DISCO_ITEMS).attr("jid", domain.toString()).attr("node", n.id()).build());
            }
            return iq.result(q.build());
        }
        PubSubNode node = service.store().node(domain, nodeId, service.defaults()).orElse(null);
        if (node == null) return StanzaError.ITEM_NOT_FOUND.replyTo(iq);
        if (service.access().mayRead(node, iq.from())) {
            for (PubSubItem i : service.store().items(domain, nodeId, service.maxItems())) {
                q.child(Element.builder("item", Ns.DISCO_ITEMS).attr("jid", domain.toString()).attr("name", i.id()).build());
            }
        }
        return iq.result(q.build());
    }

    private static Element identity(String type, String name) {
        return Element.builder("identity", Ns.DISCO_INFO).attr("category", "pubsub").attr("type", type).attr("name", name).build();
    }

    private static Element feature(String var) {
        return Element.builder("feature", Ns.DISCO_INFO).attr("var", var).build();
    }
}
