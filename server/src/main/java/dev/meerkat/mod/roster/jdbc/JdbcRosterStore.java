package dev.meerkat.mod.roster.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.mod.roster.SubState;
import dev.meerkat.mod.roster.Subscription;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.Jdbc;
import dev.meerkat.storage.StorageException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@link RosterStore} on the {@code roster_versions}, {@code roster_items} and {@code roster_groups}
 * tables (V2__roster.sql). A user is keyed by (server, username) as in the users table; a contact by
 * its bare JID string.
 */
public final class JdbcRosterStore implements RosterStore {
    private static final String USER = " WHERE server = ? AND username = ?";
    private static final String ITEM = USER + " AND contact = ?";
    /** Attempts of one change when its transaction loses a race (see {@link #update}). */
    private static final int ATTEMPTS = 5;
    private static final String ITEM_COLUMNS =
            "contact, name, subscription, ask_out, pending_in, pending_status, pre_approved, hidden";

    private final Jdbc jdbc;
    private final String createVersionSql;

    public JdbcRosterStore(Database database) {
        this.jdbc = database.jdbc();
        this.createVersionSql = database.dialect().insertIgnore("roster_versions",
                List.of("server", "username", "version"), List.of("server", "username"));
    }

    @Override
    public List<RosterItem> items(Jid user) {
        return jdbc.inTransaction("roster.items", tx -> {
            Map<String, List<String>> groups = new HashMap<>();
            tx.query("roster.groups", "SELECT contact, name FROM roster_groups" + USER + " ORDER BY contact, position",
                    userKey(user), row -> groups.computeIfAbsent(row.getString(1), k -> new ArrayList<>()).add(row.getString(2)));
            return tx.query("roster.items", "SELECT " + ITEM_COLUMNS + " FROM roster_items" + USER, userKey(user),
                    row -> item(row, groups.getOrDefault(row.getString(1), List.of())));
        });
    }

    @Override
    public Optional<RosterItem> item(Jid user, Jid contact) {
        return read(jdbc, user, contact);
    }

    @Override
    public long version(Jid user) {
        return jdbc.queryOne("roster.version", "SELECT version FROM roster_versions" + USER, userKey(user),
                row -> row.getLong(1)).orElse(0L);
    }

    @Override
    public Change update(Jid user, Jid contact, UnaryOperator<Optional<RosterItem>> change) {
        checkContact(contact);
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(user, contact, change);
            } catch (StorageException e) {
                // Two first changes of a roster may race to create its version row: the loser gets a
                // duplicate key, or (MariaDB) both inserts deadlock on the gap locks of their lookups
                // and the database rolls one back. The retry finds the row.
                if (!(e.isDuplicateKey() || e.isTransactionConflict()) || attempt == ATTEMPTS) throw e;
            }
        }
    }

    private Change attempt(Jid user, Jid contact, UnaryOperator<Optional<RosterItem>> change) {
        return jdbc.inTransaction("roster.update", tx -> {
            long version = lockVersion(tx, user);
            Optional<RosterItem> before = read(tx, user, contact);
            Optional<RosterItem> after = change.apply(before);
            if (after.equals(before)) return new Change(before, after, version);
            after.ifPresent(i -> {
                if (!i.contact().equals(contact)) throw new IllegalArgumentException("the item is for " + i.contact());
                checkTexts(i);
            });
            delete(tx, user, contact);
            after.ifPresent(i -> insert(tx, user, i));
            long next = version + 1;
            tx.update("roster.bump", "UPDATE roster_versions SET version = ?" + USER,
                    Jdbc.Binder.of(next, user.domain(), user.local()));
            return new Change(before, after, next);
        });
    }

    private long lockVersion(Jdbc tx, Jid user) {
        String lock = "SELECT version FROM roster_versions" + USER + " FOR UPDATE";
        Optional<Long> v = tx.queryOne("roster.lock", lock, userKey(user), row -> row.getLong(1));
        if (v.isPresent()) return v.get();
        tx.update("roster.version.create", createVersionSql, Jdbc.Binder.of(user.domain(), user.local(), 0L));
        return tx.queryOne("roster.lock", lock, userKey(user), row -> row.getLong(1)).orElseThrow();
    }

    @Override
    public void removeAll(Jid user) {
        jdbc.inTransaction("roster.remove_all", tx -> {
            tx.update("roster.groups.remove_all", "DELETE FROM roster_groups" + USER, userKey(user));
            tx.update("roster.items.remove_all", "DELETE FROM roster_items" + USER, userKey(user));
            tx.update("roster.version.remove", "DELETE FROM roster_versions" + USER, userKey(user));
            return null;
        });
    }

    private static Optional<RosterItem> read(Jdbc db, Jid user, Jid contact) {
        Jdbc.Binder key = itemKey(user, contact);
        List<String> groups = db.query("roster.item.groups", "SELECT name FROM roster_groups" + ITEM + " ORDER BY position",
                key, row -> row.getString(1));
        return db.queryOne("roster.item", "SELECT " + ITEM_COLUMNS + " FROM roster_items" + ITEM, key,
                row -> item(row, groups));
    }

    private static void delete(Jdbc tx, Jid user, Jid contact) {
        tx.update("roster.item.groups.delete", "DELETE FROM roster_groups" + ITEM, itemKey(user, contact));
        tx.update("roster.item.delete", "DELETE FROM roster_items" + ITEM, itemKey(user, contact));
    }

    private static void insert(Jdbc tx, Jid user, RosterItem i) {
        SubState s = i.state();
        tx.update("roster.item.insert", "INSERT INTO roster_items (server, username, " + ITEM_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, user.domain());
                    ps.setString(2, user.local());
                    ps.setString(3, i.contact().toString());
                    setNullable(ps, 4, i.name());
                    ps.setString(5, s.subscription().xml());
                    ps.setBoolean(6, s.pendingOut());
                    ps.setBoolean(7, s.pendingIn());
                    setNullable(ps, 8, i.pendingStatus());
                    ps.setBoolean(9, s.preApproved());
                    ps.setBoolean(10, i.hidden());
                });
        for (int p = 0; p < i.groups().size(); p++) {
            tx.update("roster.group.insert", "INSERT INTO roster_groups (server, username, contact, position, name) VALUES (?, ?, ?, ?, ?)",
                    Jdbc.Binder.of(user.domain(), user.local(), i.contact().toString(), p, i.groups().get(p)));
        }
    }

    private static void setNullable(java.sql.PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) ps.setNull(index, Types.VARCHAR); else ps.setString(index, value);
    }

    private static RosterItem item(ResultSet row, List<String> groups) throws SQLException {
        SubState state = new SubState(Subscription.fromXml(row.getString(3)), row.getBoolean(4), row.getBoolean(5), row.getBoolean(7));
        return new RosterItem(Jid.parse(row.getString(1)), row.getString(2), groups, state, row.getString(6), row.getBoolean(8));
    }

    private static Jdbc.Binder userKey(Jid user) {
        return Jdbc.Binder.of(user.domain(), user.local());
    }

    private static Jdbc.Binder itemKey(Jid user, Jid contact) {
        return Jdbc.Binder.of(user.domain(), user.local(), contact.toString());
    }

    private static void checkContact(Jid contact) {
        if (contact.toString().length() > MAX_CONTACT_LENGTH) {
            throw new IllegalArgumentException("contact JID longer than " + MAX_CONTACT_LENGTH + " characters");
        }
    }

    private static void checkTexts(RosterItem i) {
        check(i.name(), "name");
        check(i.pendingStatus(), "status");
        for (String g : i.groups()) check(g, "group");
    }

    private static void check(String text, String what) {
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(what + " longer than " + MAX_TEXT_LENGTH + " characters");
        }
    }
}
