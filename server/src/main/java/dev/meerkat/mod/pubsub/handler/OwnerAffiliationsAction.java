package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.PubSubError;
import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.Affiliation;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.util.Map;

/**
 * XEP-0060 §8.9 manage affiliations: owners list or change them (e.g. 'member' for a whitelist
 * node). The node's creator keeps ownership: changing it is not-acceptable.
 */
public final class OwnerAffiliationsAction implements Action {
    private final boolean set;

    public OwnerAffiliationsAction(boolean set) {
        this.set = set;
    }

    @Override
    public Element handle(PubSubService svc, Request r) {
        PubSubNode node = svc.ownedNode(r.service(), PubSubService.nodeId(r.action()), r.from());
        if (set) {
            for (Element e : r.action().children("affiliation", PubSubNs.OWNER)) {
                Jid jid = Jid.parseOrNull(e.attr("jid"));
                Affiliation a = Affiliation.fromXml(e.attr("affiliation"));
                if (jid == null || a == null) throw PubSubError.of(StanzaError.BAD_REQUEST);
                if (jid.bare().equals(node.owner().bare())) {
                    throw PubSubError.text(StanzaError.NOT_ACCEPTABLE, null, "the node's creator stays its owner");
                }
                svc.store().setAffiliation(node.service(), node.id(), jid.bare(), a);
            }
            return null;
        }
        Element.Builder affs = Element.builder("affiliations", PubSubNs.OWNER).attr("node", node.id());
        for (Map.Entry<Jid, Affiliation> e : svc.store().affiliations(node.service(), node.id()).entrySet()) {
            affs.child(Element.builder("affiliation", PubSubNs.OWNER).attr("jid", e.getKey().toString())
                    .attr("affiliation", e.getValue().xml()).build());
        }
        return Element.builder("pubsub", PubSubNs.OWNER).child(affs.build()).build();
    }
}
