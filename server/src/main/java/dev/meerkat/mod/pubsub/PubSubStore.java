package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.model.Affiliation;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.mod.pubsub.model.NodeSubscription;
import dev.meerkat.mod.pubsub.model.PubSubItem;
import dev.meerkat.mod.pubsub.model.PubSubNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pubsub nodes, items, subscriptions and affiliations of every service (PEP services are keyed
 * by the account's bare JID, the component by its domain). Methods block on storage: never call
 * them on a Netty event loop.
 */
public interface PubSubStore {
    /** Longest service JID, node id, item id and subscriber JID the store can keep (characters). */
    int MAX_KEY_LENGTH = 250;

    /**
     * Creates the node with its owner's affiliation; false if a node with that id exists.
     *
     * @throws IllegalArgumentException if a key is longer than {@link #MAX_KEY_LENGTH}
     */
    boolean createNode(PubSubNode node);

    /** The node; its stored config is read over {@code defaults} (unknown stored fields are dropped). */
    Optional<PubSubNode> node(Jid service, String nodeId, NodeConfig defaults);

    /** Every node of the service, ordered by id. */
    List<PubSubNode> nodes(Jid service, NodeConfig defaults);

    void updateConfig(Jid service, String nodeId, NodeConfig config);

    /** Deletes the node with its items, subscriptions and affiliations; false if there was none. */
    boolean deleteNode(Jid service, String nodeId);

    /**
     * Stores the item (replacing one with the same id, which becomes the newest) and then deletes
     * the oldest items beyond {@code maxItems}, in one transaction.
     */
    void publish(Jid service, String nodeId, PubSubItem item, int maxItems);

    /** The newest {@code max} items, newest first. */
    List<PubSubItem> items(Jid service, String nodeId, int max);

    Optional<PubSubItem> item(Jid service, String nodeId, String itemId);

    /** False if there was no such item. */
    boolean retract(Jid service, String nodeId, String itemId);

    void purge(Jid service, String nodeId);

    List<NodeSubscription> subscriptions(Jid service, String nodeId);

    /** Subscriptions of any JID with this bare JID, by node id, on every node of the service. */
    Map<String, List<NodeSubscription>> subscriptionsOf(Jid service, Jid bare);

    /** Adds or replaces the JID's subscription; state NONE removes it. */
    void setSubscription(Jid service, String nodeId, NodeSubscription subscription);

    /** Stored affiliations of the node (NONE is never stored). */
    Map<Jid, Affiliation> affiliations(Jid service, String nodeId);

    /** The bare JID's affiliations by node id, on every node of the service. */
    Map<String, Affiliation> affiliationsOf(Jid service, Jid bare);

    /** Sets a bare JID's affiliation; NONE removes it. */
    void setAffiliation(Jid service, String nodeId, Jid bare, Affiliation affiliation);

    /** Deletes the whole service (the PEP account was removed). */
    void removeService(Jid service);
}
