package dev.meerkat.mod.mam.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.mam.ArchivePrefs;
import dev.meerkat.mod.mam.ArchiveStore;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.Jdbc;
import dev.meerkat.storage.StorageException;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.StoredXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ArchiveStore} on the {@code mam_messages} and {@code mam_prefs} tables (V30__mam.sql).
 * Appends are JDBC batches in one transaction. Full-text search is a case-insensitive
 * {@code LIKE '%text%'} on the body column: on PostgreSQL a trigram index answers it
 * (V41__mam_fulltext_trigram.sql), on H2 and MariaDB it is a scan of the owner's rows (narrowed
 * by the other filters).
 *
 * <p>The size of a whole archive (RSM's {@code <count/>} of an unfiltered query) is a
 * {@code COUNT(*)} over every row of the owner, hundreds of milliseconds for a million. It is kept
 * as a {@link Tally}: counted once, then brought up to date by counting only the rows after the
 * newest one it has seen. See {@link #total}.
 */
public final class JdbcArchiveStore implements ArchiveStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcArchiveStore.class);
    private static final String COLUMNS = "id, with_bare, with_resource, outgoing, body, packet";
    private static final String INSERT = "INSERT INTO mam_messages (owner, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final char LIKE_ESCAPE = '!';

    /** Archives whose size is remembered, at most (least recently used ones are forgotten). */
    static final int TALLIES = 10_000;

    /**
     * The size of an owner's archive as it was when its oldest id was {@code first} and its newest
     * {@code last}.
     */
    private record Tally(long first, long last, long count) {}

    private final DataSource dataSource;
    private final Map<String, Tally> tallies = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tally> eldest) {
            return size() > TALLIES;
        }
    });
    private final Jdbc jdbc;
    private final String upsertPrefs;

    public JdbcArchiveStore(Database database) {
        this.dataSource = database.dataSource();
        this.jdbc = database.jdbc();
        this.upsertPrefs = database.dialect().upsert("mam_prefs",
                List.of("owner", "default_mode", "always_jids", "never_jids"), List.of("owner"));
    }

    @Override
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) return;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Entry e : entries) {
                    Jid with = e.with();
                    ps.setString(1, checked(e.owner().bare().toString()));
                    ps.setLong(2, e.id());
                    ps.setString(3, checked(with.bare().toString()));
                    ps.setString(4, with.hasResource() ? checked(with.resource()) : "");
                    ps.setInt(5, e.outgoing() ? 1 : 0);
                    ps.setString(6, e.body());
                    ps.setString(7, e.message().toXml());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("mam_messages.append", e);
        }
    }

    private static String checked(String s) {
        if (s.length() > MAX_JID_LENGTH) throw new IllegalArgumentException("JID part longer than " + MAX_JID_LENGTH + " characters");
        return s;
    }

    /** The WHERE clause of a filter and the values it binds, in order. */
    private record Where(String sql, List<Object> values) {}

    private static Where where(Jid owner, Filter f) {
        StringBuilder sql = new StringBuilder(" WHERE owner = ?");
        List<Object> values = new ArrayList<>();
        values.add(owner.bare().toString());
        if (f.minId() != Long.MIN_VALUE) {
            sql.append(" AND id >= ?");
            values.add(f.minId());
        }
        if (f.maxId() != Long.MAX_VALUE) {
            sql.append(" AND id <= ?");
            values.add(f.maxId());
        }
        if (f.with() != null) {
            sql.append(" AND with_bare = ?");
            values.add(f.with().bare().toString());
            if (f.with().hasResource()) {
                sql.append(" AND with_resource = ?");
                values.add(f.with().resource());
            }
        }
        if (!f.ids().isEmpty()) {
            sql.append(" AND id IN (").append(String.join(", ", java.util.Collections.nCopies(f.ids().size(), "?"))).append(')');
            values.addAll(f.ids());
        }
        if (f.fulltext() != null) {
            sql.append(" AND LOWER(body) LIKE LOWER(?) ESCAPE '").append(LIKE_ESCAPE).append('\'');
            values.add("%" + escapeLike(f.fulltext()) + "%");
        }
        return new Where(sql.toString(), values);
    }

    static String escapeLike(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            if (ch == '%' || ch == '_' || ch == LIKE_ESCAPE) b.append(LIKE_ESCAPE);
            b.append(ch);
        }
        return b.toString();
    }

    @Override
    public List<Entry> find(Jid owner, Filter filter, boolean newestFirst, int limit) {
        if (limit <= 0) return List.of();
        Where w = where(owner, filter);
        List<Object> values = new ArrayList<>(w.values());
        values.add(limit);
        Jid bareOwner = owner.bare();
        // The ORDER BY names the whole prefix of the index in use: H2 only reads an index in order
        // (instead of sorting every row of the owner) when the ORDER BY matches it column for column.
        String dir = newestFirst ? " DESC" : " ASC";
        String order = " ORDER BY owner" + dir + (filter.with() != null ? ", with_bare" + dir : "") + ", id" + dir;
        List<Entry> rows = jdbc.query("mam_messages.find", "SELECT " + COLUMNS + " FROM mam_messages" + w.sql()
                        + order + " LIMIT ?",
                Jdbc.Binder.of(values.toArray()), row -> read(bareOwner, row));
        return rows.stream().filter(e -> e.message() != null).toList();
    }

    private static Entry read(Jid owner, ResultSet row) throws SQLException {
        long id = row.getLong(1);
        String resource = row.getString(3);
        Jid with = Jid.parse(row.getString(2));
        if (!resource.isEmpty()) with = with.withResource(resource);
        Element message;
        try {
            message = StoredXml.parse(row.getString(6));
        } catch (IllegalArgumentException e) {
            // one damaged row must not make the whole archive unreadable
            log.warn("skipping unreadable archived message {} of {}: {}", id, owner, e.getMessage());
            message = null;
        }
        return new Entry(owner, id, with, row.getInt(4) == 1, row.getString(5), message);
    }

    @Override
    public long count(Jid owner, Filter filter) {
        if (filter.with() == null && filter.ids().isEmpty() && filter.fulltext() == null
                && filter.minId() == Long.MIN_VALUE && filter.maxId() == Long.MAX_VALUE) {
            return total(owner.bare().toString());
        }
        Where w = where(owner, filter);
        return jdbc.queryOne("mam_messages.count", "SELECT COUNT(*) FROM mam_messages" + w.sql(),
                Jdbc.Binder.of(w.values().toArray()), row -> row.getLong(1)).orElse(0L);
    }

    /**
     * The number of rows of the owner. One statement reads the oldest id of the archive and counts
     * (and finds the newest of) the rows after the tally's newest id, so it sees one consistent
     * state. If the oldest id is still the tally's, nothing was deleted (retention and removal
     * delete from the oldest end; there is no other delete) and the rows after the tally's newest
     * are all that is new: ids of an archive only grow, as {@code ArchiveIds} makes them. Otherwise,
     * or without a tally, it counts the whole archive (the same statement with no lower bound).
     * This needs no cache invalidation, so other stores on the same table (room archives,
     * retention run by another module) cannot make it wrong.
     */
    private long total(String owner) {
        Tally known = tallies.get(owner);
        long after = known == null ? Long.MIN_VALUE : known.last();
        long[] r = jdbc.queryOne("mam_messages.tally",
                "SELECT (SELECT id FROM mam_messages WHERE owner = ? ORDER BY owner ASC, id ASC LIMIT 1), COUNT(*), MAX(id)"
                        + " FROM mam_messages WHERE owner = ? AND id > ?",
                Jdbc.Binder.of(owner, owner, after),
                row -> {
                    long first = row.getLong(1);
                    boolean empty = row.wasNull();
                    long count = row.getLong(2);
                    long max = row.getLong(3);
                    return new long[] {empty ? 1 : 0, first, count, row.wasNull() ? after : max};
                }).orElseThrow();
        if (r[0] == 1) {
            tallies.remove(owner);
            return 0;
        }
        if (known != null && known.first() == r[1]) {
            Tally now = new Tally(known.first(), r[3], known.count() + r[2]);
            tallies.put(owner, now);
            return now.count();
        }
        if (known == null) {
            tallies.put(owner, new Tally(r[1], r[3], r[2]));
            return r[2];
        }
        // something was deleted since the tally: count again from scratch
        tallies.remove(owner);
        return total(owner);
    }

    @Override
    public boolean contains(Jid owner, long id) {
        return jdbc.queryOne("mam_messages.contains", "SELECT 1 FROM mam_messages WHERE owner = ? AND id = ?",
                Jdbc.Binder.of(owner.bare().toString(), id), row -> Boolean.TRUE).isPresent();
    }

    @Override
    public Optional<long[]> bounds(Jid owner) {
        String o = owner.bare().toString();
        Optional<Long> first = jdbc.queryOne("mam_messages.first", "SELECT id FROM mam_messages WHERE owner = ? ORDER BY owner ASC, id ASC LIMIT 1",
                Jdbc.Binder.of(o), row -> row.getLong(1));
        if (first.isEmpty()) return Optional.empty();
        long last = jdbc.queryOne("mam_messages.last", "SELECT id FROM mam_messages WHERE owner = ? ORDER BY owner DESC, id DESC LIMIT 1",
                Jdbc.Binder.of(o), row -> row.getLong(1)).orElse(first.get());
        return Optional.of(new long[] {first.get(), last});
    }

    @Override
    public void removeArchive(Jid owner) {
        String o = owner.bare().toString();
        jdbc.inTransaction("mam.remove_archive", tx -> {
            tx.update("mam_messages.remove_owner", "DELETE FROM mam_messages WHERE owner = ?", Jdbc.Binder.of(o));
            tx.update("mam_prefs.remove", "DELETE FROM mam_prefs WHERE owner = ?", Jdbc.Binder.of(o));
            return null;
        });
    }

    @Override
    public int removeBefore(long id) {
        return jdbc.update("mam_messages.retention", "DELETE FROM mam_messages WHERE id < ?", Jdbc.Binder.of(id));
    }

    @Override
    public Optional<ArchivePrefs> prefs(Jid owner) {
        return jdbc.queryOne("mam_prefs.get", "SELECT default_mode, always_jids, never_jids FROM mam_prefs WHERE owner = ?",
                Jdbc.Binder.of(owner.bare().toString()),
                row -> new ArchivePrefs(ArchivePrefs.Mode.fromWire(row.getString(1)), jids(row.getString(2)), jids(row.getString(3))));
    }

    private static Set<Jid> jids(String lines) {
        Set<Jid> out = new HashSet<>();
        Arrays.stream(lines.split("\n")).filter(s -> !s.isBlank()).map(Jid::parseOrNull)
                .filter(j -> j != null).forEach(out::add);
        return out;
    }

    @Override
    public void setPrefs(Jid owner, ArchivePrefs prefs) {
        jdbc.update("mam_prefs.set", upsertPrefs, Jdbc.Binder.of(owner.bare().toString(), prefs.mode().wire(),
                String.join("\n", prefs.always().stream().map(Jid::toString).toList()),
                String.join("\n", prefs.never().stream().map(Jid::toString).toList())));
    }
}
