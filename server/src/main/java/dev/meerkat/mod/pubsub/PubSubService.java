package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.model.Affiliation;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.stanza.StanzaError;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * One kind of pubsub service, as the request handlers see it: PEP (one service per account, at its
 * bare JID) or the component at {@code pubsub.<host>}. Holds what differs between them (defaults,
 * who may create nodes, who is notified) next to the shared store and access rules.
 *
 * @param pep          PEP semantics: auto-create on publish, only the account owns nodes
 * @param defaults     configuration of new nodes
 * @param maxItems     the most items a node keeps ("max")
 * @param mayCreate    (service, requester bare JID) → may create nodes there
 */
public record PubSubService(PubSubStore store, Access access, Notifier notifier, Recipients recipients, boolean pep,
                            NodeConfig defaults, int maxItems, Clock clock, BiPredicate<Jid, Jid> mayCreate) {

    /** The node, or item-not-found (XEP-0060 §6.1.3.12 and others). */
    public PubSubNode node(Jid service, String nodeId) {
        return store.node(service, nodeId, defaults).orElseThrow(PubSubError::nodeNotFound);
    }

    /** The node if the requester owns it; else item-not-found or forbidden (§8.2.3.3). */
    public PubSubNode ownedNode(Jid service, String nodeId, Jid requester) {
        PubSubNode node = node(service, nodeId);
        if (access.affiliation(node, requester) != Affiliation.OWNER) throw PubSubError.forbidden();
        return node;
    }

    /** The config after applying a submitted form; bad fields are not-acceptable (§8.2.3.5). */
    public NodeConfig configure(NodeConfig base, Map<String, java.util.List<String>> fields) {
        String formType = DataForms.formType(fields);
        if (formType != null && !formType.equals(PubSubNs.NODE_CONFIG)) {
            throw PubSubError.text(StanzaError.BAD_REQUEST, null, "FORM_TYPE must be " + PubSubNs.NODE_CONFIG);
        }
        try {
            return base.with(fields);
        } catch (IllegalArgumentException e) {
            throw PubSubError.text(StanzaError.NOT_ACCEPTABLE, null, e.getMessage());
        }
    }

    /** Sends the node's notification recipients something, computed now. */
    public Set<Jid> recipientsOf(PubSubNode node) {
        if (!node.config().flag(NodeConfig.DELIVER_NOTIFICATIONS)) return Set.of();
        return recipients.of(node);
    }

    public String newId() { return UUID.randomUUID().toString(); }

    /** A NodeID given in an action element, required. */
    public static String nodeId(dev.meerkat.xml.Element action) {
        String node = action.attr("node");
        if (node == null || node.isEmpty()) throw PubSubError.of(StanzaError.BAD_REQUEST, "nodeid-required");
        if (node.length() > PubSubStore.MAX_KEY_LENGTH) throw PubSubError.text(StanzaError.NOT_ACCEPTABLE, null, "NodeID too long");
        return node;
    }
}
