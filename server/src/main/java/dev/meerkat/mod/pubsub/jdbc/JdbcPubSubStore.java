package dev.meerkat.mod.pubsub.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.DataForms;
import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubStore;
import dev.meerkat.mod.pubsub.model.Affiliation;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.mod.pubsub.model.NodeSubscription;
import dev.meerkat.mod.pubsub.model.SubscriptionOptions;
import dev.meerkat.mod.pubsub.model.PubSubItem;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.Jdbc;
import dev.meerkat.xml.StoredXml;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link PubSubStore} on the tables of V40__pubsub.sql (with V40_1's subscription options). */
public final class JdbcPubSubStore implements PubSubStore {
    private static final String NODE = " WHERE service = ? AND node = ?";
    private static final String ITEM_COLUMNS = "SELECT item_id, publisher, stamp, payload FROM pubsub_items";

    private final Jdbc jdbc;
    private final String insertNodeSql;
    private final String upsertAffiliationSql;
    private final String upsertSubscriptionSql;

    public JdbcPubSubStore(Database database) {
        this.jdbc = database.jdbc();
        this.insertNodeSql = database.dialect().insertIgnore("pubsub_nodes",
                List.of("service", "node", "owner", "config"), List.of("service", "node"));
        this.upsertAffiliationSql = database.dialect().upsert("pubsub_affiliations",
                List.of("service", "node", "jid", "affiliation"), List.of("service", "node", "jid"));
        this.upsertSubscriptionSql = database.dialect().upsert("pubsub_subscriptions",
                List.of("service", "node", "jid", "bare_jid", "subid", "state", "deliver"), List.of("service", "node", "jid"));
    }

    @Override
    public boolean createNode(PubSubNode node) {
        checkKey(node.service().toString());
        checkKey(node.id());
        return jdbc.inTransaction("pubsub_nodes.create", tx -> {
            int n = tx.update("pubsub_nodes.create", insertNodeSql, Jdbc.Binder.of(node.service().toString(), node.id(),
                    node.owner().toString(), configXml(node.config())));
            if (n == 0) return false;
            tx.update("pubsub_affiliations.set", upsertAffiliationSql, Jdbc.Binder.of(node.service().toString(), node.id(),
                    node.owner().bare().toString(), Affiliation.OWNER.xml()));
            return true;
        });
    }

    @Override
    public Optional<PubSubNode> node(Jid service, String nodeId, NodeConfig defaults) {
        return jdbc.queryOne("pubsub_nodes.get", "SELECT node, owner, config FROM pubsub_nodes" + NODE,
                Jdbc.Binder.of(service.toString(), nodeId), row -> node(service, row, defaults));
    }

    @Override
    public List<PubSubNode> nodes(Jid service, NodeConfig defaults) {
        return jdbc.query("pubsub_nodes.list", "SELECT node, owner, config FROM pubsub_nodes WHERE service = ? ORDER BY node",
                Jdbc.Binder.of(service.toString()), row -> node(service, row, defaults));
    }

    @Override
    public void updateConfig(Jid service, String nodeId, NodeConfig config) {
        jdbc.update("pubsub_nodes.configure", "UPDATE pubsub_nodes SET config = ?" + NODE,
                Jdbc.Binder.of(configXml(config), service.toString(), nodeId));
    }

    @Override
    public boolean deleteNode(Jid service, String nodeId) {
        return jdbc.inTransaction("pubsub_nodes.delete", tx -> {
            Jdbc.Binder key = Jdbc.Binder.of(service.toString(), nodeId);
            tx.update("pubsub_items.delete_node", "DELETE FROM pubsub_items" + NODE, key);
            tx.update("pubsub_subscriptions.delete_node", "DELETE FROM pubsub_subscriptions" + NODE, key);
            tx.update("pubsub_affiliations.delete_node", "DELETE FROM pubsub_affiliations" + NODE, key);
            return tx.update("pubsub_nodes.delete", "DELETE FROM pubsub_nodes" + NODE, key) > 0;
        });
    }

    @Override
    public void publish(Jid service, String nodeId, PubSubItem item, int maxItems) {
        checkKey(item.id());
        String s = service.toString();
        jdbc.inTransaction("pubsub_items.publish", tx -> {
            // the node row serialises publishers of one node, so seq numbers never collide
            tx.query("pubsub_nodes.lock", "SELECT node FROM pubsub_nodes" + NODE + " FOR UPDATE",
                    Jdbc.Binder.of(s, nodeId), row -> row.getString(1));
            long seq = tx.queryOne("pubsub_items.max_seq", "SELECT MAX(seq) FROM pubsub_items" + NODE,
                    Jdbc.Binder.of(s, nodeId), row -> row.getLong(1)).orElse(0L) + 1;
            tx.update("pubsub_items.replace", "DELETE FROM pubsub_items" + NODE + " AND item_id = ?",
                    Jdbc.Binder.of(s, nodeId, item.id()));
            tx.update("pubsub_items.insert",
                    "INSERT INTO pubsub_items (service, node, item_id, seq, publisher, stamp, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    Jdbc.Binder.of(s, nodeId, item.id(), seq, item.publisher() == null ? null : item.publisher().toString(),
                            item.published().toEpochMilli(), item.payload() == null ? null : item.payload().toXml()));
            List<Long> kept = tx.query("pubsub_items.kept", "SELECT seq FROM pubsub_items" + NODE + " ORDER BY seq DESC",
                    Jdbc.Binder.of(s, nodeId), row -> row.getLong(1));
            if (kept.size() > maxItems) {
                tx.update("pubsub_items.trim", "DELETE FROM pubsub_items" + NODE + " AND seq <= ?",
                        Jdbc.Binder.of(s, nodeId, kept.get(maxItems)));
            }
            return null;
        });
    }

    @Override
    public List<PubSubItem> items(Jid service, String nodeId, int max) {
        List<PubSubItem> all = jdbc.query("pubsub_items.list", ITEM_COLUMNS + NODE + " ORDER BY seq DESC",
                Jdbc.Binder.of(service.toString(), nodeId), JdbcPubSubStore::item);
        return all.size() > max ? List.copyOf(all.subList(0, max)) : all;
    }

    @Override
    public Optional<PubSubItem> item(Jid service, String nodeId, String itemId) {
        return jdbc.queryOne("pubsub_items.get", ITEM_COLUMNS + NODE + " AND item_id = ?",
                Jdbc.Binder.of(service.toString(), nodeId, itemId), JdbcPubSubStore::item);
    }

    @Override
    public boolean retract(Jid service, String nodeId, String itemId) {
        return jdbc.update("pubsub_items.retract", "DELETE FROM pubsub_items" + NODE + " AND item_id = ?",
                Jdbc.Binder.of(service.toString(), nodeId, itemId)) > 0;
    }

    @Override
    public void purge(Jid service, String nodeId) {
        jdbc.update("pubsub_items.purge", "DELETE FROM pubsub_items" + NODE, Jdbc.Binder.of(service.toString(), nodeId));
    }

    @Override
    public List<NodeSubscription> subscriptions(Jid service, String nodeId) {
        return jdbc.query("pubsub_subscriptions.list", "SELECT jid, subid, state, deliver FROM pubsub_subscriptions" + NODE + " ORDER BY jid",
                Jdbc.Binder.of(service.toString(), nodeId), row -> subscription(row, 1));
    }

    @Override
    public Map<String, List<NodeSubscription>> subscriptionsOf(Jid service, Jid bare) {
        Map<String, List<NodeSubscription>> m = new LinkedHashMap<>();
        jdbc.query("pubsub_subscriptions.of", "SELECT node, jid, subid, state, deliver FROM pubsub_subscriptions"
                        + " WHERE service = ? AND bare_jid = ? ORDER BY node, jid",
                Jdbc.Binder.of(service.toString(), bare.bare().toString()), row -> {
                    m.computeIfAbsent(row.getString(1), k -> new ArrayList<>()).add(subscription(row, 2));
                    return true;
                });
        return m;
    }

    @Override
    public void setSubscription(Jid service, String nodeId, NodeSubscription sub) {
        if (sub.state() == NodeSubscription.State.NONE) {
            jdbc.update("pubsub_subscriptions.remove", "DELETE FROM pubsub_subscriptions" + NODE + " AND jid = ?",
                    Jdbc.Binder.of(service.toString(), nodeId, sub.jid().toString()));
            return;
        }
        checkKey(sub.jid().toString());
        jdbc.update("pubsub_subscriptions.set", upsertSubscriptionSql, Jdbc.Binder.of(service.toString(), nodeId,
                sub.jid().toString(), sub.jid().bare().toString(), sub.subid(), sub.state().xml(), sub.options().deliver()));
    }

    @Override
    public Map<Jid, Affiliation> affiliations(Jid service, String nodeId) {
        Map<Jid, Affiliation> m = new LinkedHashMap<>();
        jdbc.query("pubsub_affiliations.list", "SELECT jid, affiliation FROM pubsub_affiliations" + NODE + " ORDER BY jid",
                Jdbc.Binder.of(service.toString(), nodeId), row -> m.put(Jid.parse(row.getString(1)), Affiliation.fromXml(row.getString(2))));
        return m;
    }

    @Override
    public Map<String, Affiliation> affiliationsOf(Jid service, Jid bare) {
        Map<String, Affiliation> m = new LinkedHashMap<>();
        jdbc.query("pubsub_affiliations.of", "SELECT node, affiliation FROM pubsub_affiliations WHERE service = ? AND jid = ? ORDER BY node",
                Jdbc.Binder.of(service.toString(), bare.bare().toString()), row -> m.put(row.getString(1), Affiliation.fromXml(row.getString(2))));
        return m;
    }

    @Override
    public void setAffiliation(Jid service, String nodeId, Jid bare, Affiliation affiliation) {
        String jid = bare.bare().toString();
        if (affiliation == Affiliation.NONE) {
            jdbc.update("pubsub_affiliations.remove", "DELETE FROM pubsub_affiliations" + NODE + " AND jid = ?",
                    Jdbc.Binder.of(service.toString(), nodeId, jid));
            return;
        }
        checkKey(jid);
        jdbc.update("pubsub_affiliations.set", upsertAffiliationSql, Jdbc.Binder.of(service.toString(), nodeId, jid, affiliation.xml()));
    }

    @Override
    public void removeService(Jid service) {
        jdbc.inTransaction("pubsub.remove_service", tx -> {
            Jdbc.Binder key = Jdbc.Binder.of(service.toString());
            for (String table : List.of("pubsub_items", "pubsub_subscriptions", "pubsub_affiliations", "pubsub_nodes")) {
                tx.update(table + ".remove_service", "DELETE FROM " + table + " WHERE service = ?", key);
            }
            return null;
        });
    }

    private static PubSubNode node(Jid service, ResultSet row, NodeConfig defaults) throws SQLException {
        NodeConfig config = NodeConfig.restore(defaults, DataForms.fields(StoredXml.parse(row.getString(3))));
        return new PubSubNode(service, row.getString(1), Jid.parse(row.getString(2)), config);
    }

    private static PubSubItem item(ResultSet row) throws SQLException {
        String publisher = row.getString(2);
        String payload = row.getString(4);
        return new PubSubItem(row.getString(1), payload == null ? null : StoredXml.parse(payload),
                publisher == null ? null : Jid.parse(publisher), Instant.ofEpochMilli(row.getLong(3)));
    }

    /** A subscription from the columns jid, subid, state, deliver starting at {@code first}. */
    private static NodeSubscription subscription(ResultSet row, int first) throws SQLException {
        return new NodeSubscription(Jid.parse(row.getString(first)), row.getString(first + 1),
                NodeSubscription.State.fromXml(row.getString(first + 2)), new SubscriptionOptions(row.getBoolean(first + 3)));
    }

    private static String configXml(NodeConfig config) {
        return DataForms.simpleForm(PubSubNs.NODE_CONFIG, "submit", config.values()).toXml();
    }

    private static void checkKey(String key) {
        if (key.length() > MAX_KEY_LENGTH) throw new IllegalArgumentException("longer than " + MAX_KEY_LENGTH + " characters: " + key);
    }
}
