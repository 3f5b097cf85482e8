package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
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
    /** The XEP-0060 §10 features the component implements. */
    static final List<String> FEATURES = List.of("create-nodes", "create-and-configure", "delete-nodes", "purge-nodes",
            "publish", "retract-items", "delete-items", "retrieve-items", "subscribe", "subscription-options",
            "retrieve-subscriptions", "retrieve-affiliations", "manage-subscriptions", "modify-affiliations", "config-node",
            "config-node-max", "retrieve-default", "retrieve-default-sub", "instant-nodes", "item-ids", "meta-data", "persistent-items",
            "publish-options", "access-open", "access-presence", "access-roster", "access-whitelist", "publisher-affiliation",
            "publish-only-affiliation", "outcast-affiliation", "member-affiliation", "last-published");

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
            q.child(NodeDisco.identity("service", name));
            q.child(NodeDisco.feature(Ns.DISCO_INFO)).child(NodeDisco.feature(Ns.DISCO_ITEMS)).child(NodeDisco.feature(PubSubNs.PUBSUB));
            for (String f : FEATURES) q.child(NodeDisco.feature(PubSubNs.feature(f)));
            return iq.result(q.build());
        }
        PubSubNode node = service.store().node(domain, nodeId, service.defaults()).orElse(null);
        if (node == null) return StanzaError.ITEM_NOT_FOUND.replyTo(iq);
        return iq.result(q.children(NodeDisco.info(node)).build());
    }

    private Iq items(Iq iq, String nodeId) {
        Element.Builder q = Element.builder("query", Ns.DISCO_ITEMS).attr("node", nodeId);
        if (nodeId == null) return iq.result(q.children(NodeDisco.nodes(service, domain, iq.from())).build());
        PubSubNode node = service.store().node(domain, nodeId, service.defaults()).orElse(null);
        if (node == null) return StanzaError.ITEM_NOT_FOUND.replyTo(iq);
        return iq.result(q.children(NodeDisco.items(service, node, iq.from())).build());
    }
}
