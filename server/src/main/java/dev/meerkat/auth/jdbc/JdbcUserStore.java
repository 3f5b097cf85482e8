package dev.meerkat.auth.jdbc;

import dev.meerkat.auth.ScramCredentials;
import dev.meerkat.auth.ScramHash;
import dev.meerkat.auth.StoredCredentials;
import dev.meerkat.auth.UserStore;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.Jdbc;
import dev.meerkat.storage.StorageException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link UserStore} on the {@code users} table (see docs/storage.md). Salts and keys are stored as
 * base64 text, one column group per {@link ScramHash}.
 *
 * <p>Every method blocks on the database: never call it on a Netty event loop.
 */
public final class JdbcUserStore implements UserStore {
    /** Column sizes of the schema, checked up front so no database truncates or rejects a value. */
    static final int MAX_NAME_LENGTH = 250;
    static final int MAX_SALT_BASE64 = 255;
    static final int MAX_KEY_BASE64 = 128;

    private static final List<String> KEY_COLUMNS = List.of("server", "username");
    private static final String WHERE_KEY = " WHERE server = ? AND username = ?";

    private final Jdbc jdbc;
    private final Clock clock;
    private final String createSql;
    private final String selectSql;
    private final String updateSql;
    private final String listSql;

    public JdbcUserStore(Database database) {
        this(database, Clock.systemUTC());
    }

    /** @param clock source of {@code created_at} */
    public JdbcUserStore(Database database, Clock clock) {
        this.jdbc = database.jdbc();
        this.clock = clock;
        List<String> credentialColumns = credentialColumns();
        List<String> insertColumns = new ArrayList<>(KEY_COLUMNS);
        insertColumns.addAll(credentialColumns);
        insertColumns.add("created_at");
        this.createSql = database.dialect().insertIgnore("users", insertColumns, KEY_COLUMNS);
        this.selectSql = "SELECT " + String.join(", ", credentialColumns) + " FROM users" + WHERE_KEY;
        this.updateSql = "UPDATE users SET " + String.join(" = ?, ", credentialColumns) + " = ?" + WHERE_KEY;
        this.listSql = "SELECT username FROM users WHERE server = ? ORDER BY username"
                + database.dialect().limitOffset();
    }

    private static List<String> credentialColumns() {
        List<String> columns = new ArrayList<>();
        for (ScramHash hash : ScramHash.values()) {
            String p = prefix(hash);
            columns.addAll(List.of(p + "_salt", p + "_iterations", p + "_stored_key", p + "_server_key"));
        }
        return columns;
    }

    private static String prefix(ScramHash hash) {
        return switch (hash) {
            case SHA1 -> "sha1";
            case SHA256 -> "sha256";
            case SHA512 -> "sha512";
        };
    }

    @Override
    public boolean create(String user, String domain, StoredCredentials credentials) {
        checkName("user", user);
        checkName("domain", domain);
        checkSizes(credentials);
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        try {
            return jdbc.update("users.create", createSql, ps -> {
                ps.setString(1, domain);
                ps.setString(2, user);
                int next = bindCredentials(ps, 3, credentials);
                ps.setObject(next, now);
            }) > 0;
        } catch (StorageException e) {
            // The dialect's insert-if-absent may still lose a race to a concurrent create.
            if (e.isDuplicateKey()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<StoredCredentials> credentials(String user, String domain) {
        return jdbc.queryOne("users.credentials", selectSql, Jdbc.Binder.of(domain, user), JdbcUserStore::readCredentials);
    }

    @Override
    public boolean setCredentials(String user, String domain, StoredCredentials credentials) {
        checkSizes(credentials);
        // MariaDB counts matched rows here (Connector/J's default), so an unchanged row still says 1.
        return jdbc.update("users.set_credentials", updateSql, ps -> {
            int next = bindCredentials(ps, 1, credentials);
            ps.setString(next, domain);
            ps.setString(next + 1, user);
        }) > 0;
    }

    @Override
    public boolean remove(String user, String domain) {
        return jdbc.update("users.remove", "DELETE FROM users" + WHERE_KEY, Jdbc.Binder.of(domain, user)) > 0;
    }

    @Override
    public boolean exists(String user, String domain) {
        return jdbc.queryOne("users.exists", "SELECT 1 FROM users" + WHERE_KEY, Jdbc.Binder.of(domain, user),
                row -> Boolean.TRUE).isPresent();
    }

    @Override
    public long count(String domain) {
        return jdbc.queryOne("users.count", "SELECT COUNT(*) FROM users WHERE server = ?", Jdbc.Binder.of(domain),
                row -> row.getLong(1)).orElse(0L);
    }

    @Override
    public List<String> list(String domain, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative: " + offset + ", " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return jdbc.query("users.list", listSql, Jdbc.Binder.of(domain, limit, offset), row -> row.getString(1));
    }

    private static int bindCredentials(PreparedStatement ps, int first, StoredCredentials credentials)
            throws SQLException {
        Base64.Encoder b64 = Base64.getEncoder();
        int i = first;
        for (ScramHash hash : ScramHash.values()) {
            Optional<ScramCredentials> c = credentials.forHash(hash);
            if (c.isPresent()) {
                ps.setString(i, b64.encodeToString(c.get().salt()));
                ps.setInt(i + 1, c.get().iterations());
                ps.setString(i + 2, b64.encodeToString(c.get().storedKey()));
                ps.setString(i + 3, b64.encodeToString(c.get().serverKey()));
            } else {
                ps.setNull(i, Types.VARCHAR);
                ps.setNull(i + 1, Types.INTEGER);
                ps.setNull(i + 2, Types.VARCHAR);
                ps.setNull(i + 3, Types.VARCHAR);
            }
            i += 4;
        }
        return i;
    }

    private static StoredCredentials readCredentials(ResultSet row) throws SQLException {
        Base64.Decoder b64 = Base64.getDecoder();
        Map<ScramHash, ScramCredentials> byHash = new EnumMap<>(ScramHash.class);
        int i = 1;
        for (ScramHash hash : ScramHash.values()) {
            String storedKey = row.getString(i + 2);
            if (storedKey != null) {
                byHash.put(hash, new ScramCredentials(hash, b64.decode(row.getString(i)), row.getInt(i + 1),
                        b64.decode(storedKey), b64.decode(row.getString(i + 3))));
            }
            i += 4;
        }
        return new StoredCredentials(byHash);
    }

    private static void checkName(String what, String value) {
        if (value.isEmpty() || value.codePointCount(0, value.length()) > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(what + " must have 1 to " + MAX_NAME_LENGTH + " characters");
        }
    }

    private static void checkSizes(StoredCredentials credentials) {
        for (ScramCredentials c : credentials.byHash().values()) {
            if (base64Length(c.salt().length) > MAX_SALT_BASE64) {
                throw new IllegalArgumentException("salt longer than " + (MAX_SALT_BASE64 / 4 * 3) + " bytes");
            }
            if (base64Length(c.storedKey().length) > MAX_KEY_BASE64 || base64Length(c.serverKey().length) > MAX_KEY_BASE64) {
                throw new IllegalArgumentException("SCRAM key longer than " + (MAX_KEY_BASE64 / 4 * 3) + " bytes");
            }
        }
    }

    private static int base64Length(int bytes) {
        return 4 * ((bytes + 2) / 3);
    }
}
