package dev.meerkat.mod.privacy.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.privacy.PrivacyItem;
import dev.meerkat.mod.privacy.PrivacyList;
import dev.meerkat.mod.privacy.PrivacyStore;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.Jdbc;
import dev.meerkat.storage.StorageException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@link PrivacyStore} on the tables of V14__privacy.sql. A list is a row of
 * {@code privacy_lists} (locked while it changes) and its items, rewritten as a whole.
 */
public final class JdbcPrivacyStore implements PrivacyStore {
    private static final String USER = " WHERE server = ? AND username = ?";
    private static final String LIST = " WHERE server = ? AND username = ? AND name = ?";
    private static final String ITEMS = " WHERE server = ? AND username = ? AND list_name = ?";
    private static final String ITEM_COLUMNS =
            "item_type, item_value, item_action, item_order, match_message, match_iq, match_presence_in, match_presence_out";

    private static final int ATTEMPTS = 5;

    private final Jdbc jdbc;
    private final String createListSql;
    private final String setDefaultSql;

    public JdbcPrivacyStore(Database database) {
        this.jdbc = database.jdbc();
        this.createListSql = database.dialect().insertIgnore("privacy_lists",
                List.of("server", "username", "name"), List.of("server", "username", "name"));
        this.setDefaultSql = database.dialect().upsert("privacy_default_list",
                List.of("server", "username", "name"), List.of("server", "username"));
    }

    @Override
    public List<String> names(Jid user) {
        List<String> names = new ArrayList<>(jdbc.query("privacy.names", "SELECT name FROM privacy_lists" + USER, key(user),
                row -> row.getString(1)));
        names.sort(null);
        return names;
    }

    @Override
    public Optional<PrivacyList> list(Jid user, String name) {
        return read(jdbc, user, name);
    }

    @Override
    public Optional<String> defaultName(Jid user) {
        return jdbc.queryOne("privacy.default", "SELECT name FROM privacy_default_list" + USER, key(user), row -> row.getString(1));
    }

    @Override
    public Optional<PrivacyList> defaultList(Jid user) {
        // One statement: this runs for stanzas to users with no session, which may be many.
        List<Object[]> rows = jdbc.query("privacy.default_list",
                "SELECT d.name, " + prefixed("i.") + " FROM privacy_default_list d LEFT JOIN privacy_items i"
                        + " ON i.server = d.server AND i.username = d.username AND i.list_name = d.name"
                        + " WHERE d.server = ? AND d.username = ?",
                key(user), row -> new Object[] {row.getString(1), row.getString(2) == null ? null : item(row, 2)});
        if (rows.isEmpty()) return Optional.empty();
        List<PrivacyItem> items = new ArrayList<>();
        for (Object[] r : rows) if (r[1] != null) items.add((PrivacyItem) r[1]);
        return Optional.of(new PrivacyList((String) rows.get(0)[0], items));
    }

    @Override
    public PrivacyList update(Jid user, String name, UnaryOperator<PrivacyList> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tryUpdate(user, name, change);
            } catch (StorageException e) {
                // Two first writers of a new list: the insert-if-absent of the loser may still fail
                // with a duplicate key, or (MariaDB) both inserts deadlock on the gap locks of their
                // lookups and the database rolls one back. Either way the retry finds the row.
                if (!(e.isDuplicateKey() || e.isTransactionConflict()) || attempt == ATTEMPTS) throw e;
            }
        }
    }

    private PrivacyList tryUpdate(Jid user, String name, UnaryOperator<PrivacyList> change) {
        return jdbc.inTransaction("privacy.update", tx -> {
            lockList(tx, user, name);
            PrivacyList before = read(tx, user, name).orElseGet(() -> PrivacyList.empty(name));
            PrivacyList after = change.apply(before);
            if (!after.name().equals(name)) throw new IllegalArgumentException("a list keeps its name");
            tx.update("privacy.items.delete", "DELETE FROM privacy_items" + ITEMS, listKey(user, name));
            for (PrivacyItem i : after.items()) insert(tx, user, name, i);
            return after;
        });
    }

    /**
     * Locks the list's row, creating it first for a new list so that there is always a row to
     * lock. The lookup comes first: an insert-if-absent of an existing row takes a shared lock on
     * MariaDB, and two writers each holding one and asking for the exclusive lock deadlock.
     */
    private void lockList(Jdbc tx, Jid user, String name) {
        String lock = "SELECT name FROM privacy_lists" + LIST + " FOR UPDATE";
        if (tx.queryOne("privacy.list.lock", lock, listKey(user, name), row -> row.getString(1)).isPresent()) return;
        tx.update("privacy.list.create", createListSql, Jdbc.Binder.of(user.domain(), user.local(), name));
        tx.queryOne("privacy.list.lock", lock, listKey(user, name), row -> row.getString(1));
    }

    @Override
    public boolean remove(Jid user, String name) {
        return jdbc.inTransaction("privacy.remove", tx -> {
            tx.update("privacy.items.delete", "DELETE FROM privacy_items" + ITEMS, listKey(user, name));
            int removed = tx.update("privacy.list.delete", "DELETE FROM privacy_lists" + LIST, listKey(user, name));
            tx.update("privacy.default.clear_removed", "DELETE FROM privacy_default_list" + LIST, listKey(user, name));
            return removed > 0;
        });
    }

    @Override
    public boolean setDefault(Jid user, String name) {
        if (name == null) {
            jdbc.update("privacy.default.clear", "DELETE FROM privacy_default_list" + USER, key(user));
            return true;
        }
        return jdbc.inTransaction("privacy.default.set", tx -> {
            boolean exists = tx.queryOne("privacy.list.lock", "SELECT name FROM privacy_lists" + LIST + " FOR UPDATE",
                    listKey(user, name), row -> row.getString(1)).isPresent();
            if (exists) tx.update("privacy.default.upsert", setDefaultSql, Jdbc.Binder.of(user.domain(), user.local(), name));
            return exists;
        });
    }

    @Override
    public void removeAll(Jid user) {
        jdbc.inTransaction("privacy.remove_all", tx -> {
            tx.update("privacy.items.remove_all", "DELETE FROM privacy_items" + USER, key(user));
            tx.update("privacy.lists.remove_all", "DELETE FROM privacy_lists" + USER, key(user));
            tx.update("privacy.default.remove_all", "DELETE FROM privacy_default_list" + USER, key(user));
            return null;
        });
    }

    private static Optional<PrivacyList> read(Jdbc db, Jid user, String name) {
        boolean exists = db.queryOne("privacy.list", "SELECT name FROM privacy_lists" + LIST, listKey(user, name),
                row -> row.getString(1)).isPresent();
        if (!exists) return Optional.empty();
        List<PrivacyItem> items = db.query("privacy.items", "SELECT " + ITEM_COLUMNS + " FROM privacy_items" + ITEMS,
                listKey(user, name), row -> item(row, 1));
        return Optional.of(new PrivacyList(name, items));
    }

    private static PrivacyItem item(ResultSet row, int first) throws SQLException {
        String type = row.getString(first);
        Set<PrivacyItem.Kind> kinds = EnumSet.noneOf(PrivacyItem.Kind.class);
        if (row.getBoolean(first + 4)) kinds.add(PrivacyItem.Kind.MESSAGE);
        if (row.getBoolean(first + 5)) kinds.add(PrivacyItem.Kind.IQ);
        if (row.getBoolean(first + 6)) kinds.add(PrivacyItem.Kind.PRESENCE_IN);
        if (row.getBoolean(first + 7)) kinds.add(PrivacyItem.Kind.PRESENCE_OUT);
        return new PrivacyItem(type.equals("none") ? PrivacyItem.Type.FALL_THROUGH : PrivacyItem.Type.valueOf(type.toUpperCase(Locale.ROOT)),
                row.getString(first + 1), row.getString(first + 2).equals("allow"), row.getLong(first + 3), kinds);
    }

    private static void insert(Jdbc tx, Jid user, String name, PrivacyItem i) {
        tx.update("privacy.item.insert", "INSERT INTO privacy_items (server, username, list_name, " + ITEM_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, user.domain());
                    ps.setString(2, user.local());
                    ps.setString(3, name);
                    ps.setString(4, i.type() == PrivacyItem.Type.FALL_THROUGH ? "none" : i.type().name().toLowerCase(Locale.ROOT));
                    if (i.value() == null) ps.setNull(5, Types.VARCHAR);
                    else ps.setString(5, i.value());
                    ps.setString(6, i.allow() ? "allow" : "deny");
                    ps.setLong(7, i.order());
                    ps.setBoolean(8, i.kinds().contains(PrivacyItem.Kind.MESSAGE));
                    ps.setBoolean(9, i.kinds().contains(PrivacyItem.Kind.IQ));
                    ps.setBoolean(10, i.kinds().contains(PrivacyItem.Kind.PRESENCE_IN));
                    ps.setBoolean(11, i.kinds().contains(PrivacyItem.Kind.PRESENCE_OUT));
                });
    }

    private static String prefixed(String prefix) {
        return prefix + ITEM_COLUMNS.replace(", ", ", " + prefix);
    }

    private static Jdbc.Binder key(Jid user) {
        return Jdbc.Binder.of(user.domain(), user.local());
    }

    private static Jdbc.Binder listKey(Jid user, String name) {
        return Jdbc.Binder.of(user.domain(), user.local(), name);
    }
}
