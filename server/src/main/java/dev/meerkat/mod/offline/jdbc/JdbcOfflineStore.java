package dev.meerkat.mod.offline.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.offline.OfflineStore;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.Jdbc;
import dev.meerkat.storage.StorageException;
import dev.meerkat.xml.StoredXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link OfflineStore} on the {@code offline_messages} table (V10__offline.sql). Each user's
 * messages are numbered 1, 2, ... ({@code seq}) in arrival order; numbering in the store rather
 * than with an identity column keeps the SQL the same on H2, PostgreSQL and MariaDB. A sender
 * locks the user's row of {@code offline_users} (V31__offline_users.sql) while it counts and
 * numbers, so concurrent senders to one user neither take the same number nor overrun the quota.
 */
public final class JdbcOfflineStore implements OfflineStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcOfflineStore.class);
    private static final String USER = " WHERE server = ? AND username = ?";
    /** Two first senders to a user racing to create the lock row: the loser tries again. */
    private static final int ATTEMPTS = 5;

    private final Jdbc jdbc;
    private final String createLockSql;

    public JdbcOfflineStore(Database database) {
        this.jdbc = database.jdbc();
        this.createLockSql = database.dialect().insertIgnore("offline_users",
                List.of("server", "username"), List.of("server", "username"));
    }

    @Override
    public boolean add(Jid user, StoredMessage message, int quota) {
        String xml = message.message().toXml();
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.inTransaction("offline.add", tx -> {
                    lockUser(tx, user);
                    long[] countAndMax = tx.queryOne("offline.count", "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM offline_messages" + USER,
                            key(user), row -> new long[] {row.getLong(1), row.getLong(2)}).orElseThrow();
                    if (countAndMax[0] >= quota) return false;
                    tx.update("offline.insert", "INSERT INTO offline_messages (server, username, seq, stamp, packet) VALUES (?, ?, ?, ?, ?)",
                            Jdbc.Binder.of(user.domain(), user.local(), countAndMax[1] + 1, message.stamp().toEpochMilli(), xml));
                    return true;
                });
            } catch (StorageException e) {
                // Creating the lock row may lose to a concurrent creator with a duplicate key, or
                // (MariaDB) deadlock on the gap locks of both lookups; the retry finds the row.
                if (!(e.isDuplicateKey() || e.isTransactionConflict()) || attempt == ATTEMPTS) throw e;
            }
        }
    }

    /** Locks the user's row of offline_users, creating it first if this is the user's first message. */
    private void lockUser(Jdbc tx, Jid user) {
        String lock = "SELECT username FROM offline_users" + USER + " FOR UPDATE";
        if (tx.queryOne("offline.lock", lock, key(user), row -> row.getString(1)).isPresent()) return;
        tx.update("offline.lock.create", createLockSql, key(user));
        tx.queryOne("offline.lock", lock, key(user), row -> row.getString(1));
    }

    @Override
    public int count(Jid user) {
        return jdbc.queryOne("offline.count", "SELECT COUNT(*) FROM offline_messages" + USER, key(user), row -> row.getInt(1)).orElse(0);
    }

    private record Row(long seq, long stamp, String xml) {}

    @Override
    public List<StoredMessage> take(Jid user) {
        return jdbc.inTransaction("offline.take", tx -> {
            List<Row> rows = tx.query("offline.list", "SELECT seq, stamp, packet FROM offline_messages" + USER + " ORDER BY seq",
                    key(user), row -> new Row(row.getLong(1), row.getLong(2), row.getString(3)));
            List<StoredMessage> taken = new ArrayList<>(rows.size());
            for (Row r : rows) {
                // A row another take deleted first is not ours to return.
                int deleted = tx.update("offline.delete", "DELETE FROM offline_messages" + USER + " AND seq = ?",
                        Jdbc.Binder.of(user.domain(), user.local(), r.seq()));
                if (deleted == 0) continue;
                try {
                    taken.add(new StoredMessage(Instant.ofEpochMilli(r.stamp()), StoredXml.parse(r.xml())));
                } catch (IllegalArgumentException e) {
                    log.warn("dropping unreadable offline message {} of {}: {}", r.seq(), user, e.getMessage());
                }
            }
            return taken;
        });
    }

    @Override
    public void removeAll(Jid user) {
        jdbc.inTransaction("offline.remove_all", tx -> {
            tx.update("offline.remove_all", "DELETE FROM offline_messages" + USER, key(user));
            tx.update("offline.lock.remove", "DELETE FROM offline_users" + USER, key(user));
            return null;
        });
    }

    private static Jdbc.Binder key(Jid user) {
        return Jdbc.Binder.of(user.domain(), user.local());
    }
}
