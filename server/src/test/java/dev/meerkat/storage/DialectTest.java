package dev.meerkat.storage;

import dev.meerkat.config.RdbmsConfig;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialectTest {
    private static final List<String> COLUMNS = List.of("a", "b", "v");
    private static final List<String> KEYS = List.of("a", "b");

    private static RdbmsConfig remote(String driver, String host, int port) {
        return new RdbmsConfig(driver, host, port, "xmpp", "meerkat", "secret", 5, Map.of());
    }

    @Test
    void driverNamesMapToDialects() {
        assertThat(Dialect.fromDriver(null)).isEqualTo(Dialect.H2);
        assertThat(Dialect.fromDriver("h2")).isEqualTo(Dialect.H2);
        assertThat(Dialect.fromDriver("pgsql")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.fromDriver("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.fromDriver("mysql")).isEqualTo(Dialect.MARIADB);
        assertThat(Dialect.fromDriver("mariadb")).isEqualTo(Dialect.MARIADB);
        assertThatThrownBy(() -> Dialect.fromDriver("odbc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void remoteUrlsUseHostPortAndDatabase() {
        assertThat(Dialect.POSTGRESQL.jdbcUrl(remote("pgsql", "db.internal", 0), Path.of("unused")))
                .isEqualTo("jdbc:postgresql://db.internal:5432/xmpp");
        assertThat(Dialect.POSTGRESQL.jdbcUrl(remote("pgsql", "db.internal", 6432), Path.of("unused")))
                .isEqualTo("jdbc:postgresql://db.internal:6432/xmpp");
        assertThat(Dialect.MARIADB.jdbcUrl(remote("mysql", null, 0), Path.of("unused")))
                .isEqualTo("jdbc:mariadb://localhost:3306/xmpp");
        assertThat(Dialect.MARIADB.jdbcUrl(remote("mysql", "::1", 3307), Path.of("unused")))
                .isEqualTo("jdbc:mariadb://[::1]:3307/xmpp");
    }

    @Test
    void h2UrlIsAFileUnderTheDataDir() {
        Path dataDir = Path.of("/srv/meerkat/var");

        assertThat(Dialect.H2.jdbcUrl(null, dataDir))
                .startsWith("jdbc:h2:file:/srv/meerkat/var/db/meerkat;")
                .contains("DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void everyMigrationLocationExistsOnTheClasspath() {
        for (Dialect d : Dialect.values()) {
            assertThat(d.flywayLocations()).first().isEqualTo("classpath:db/migration/common");
            for (String location : d.flywayLocations()) {
                String path = location.substring("classpath:".length());
                assertThat(getClass().getClassLoader().getResource(path)).as(d + " " + location).isNotNull();
            }
        }
        assertThat(Dialect.POSTGRESQL.flywayLocations()).contains("classpath:db/migration/postgresql");
        assertThat(Dialect.MARIADB.flywayLocations()).contains("classpath:db/migration/mariadb");
    }

    @Test
    void keyColumnsMustBeAmongTheColumns() {
        assertThatThrownBy(() -> Dialect.H2.insertIgnore("kv", COLUMNS, List.of("z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dialect.POSTGRESQL.upsert("kv", COLUMNS, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void postgresqlSpellings() {
        assertThat(Dialect.POSTGRESQL.insertIgnore("kv", COLUMNS, KEYS))
                .isEqualTo("INSERT INTO kv (a, b, v) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
        assertThat(Dialect.POSTGRESQL.upsert("kv", COLUMNS, KEYS))
                .isEqualTo("INSERT INTO kv (a, b, v) VALUES (?, ?, ?) ON CONFLICT (a, b) DO UPDATE SET v = EXCLUDED.v");
        assertThat(Dialect.POSTGRESQL.upsert("kv", KEYS, KEYS))
                .as("nothing to update: insert-if-absent").isEqualTo(Dialect.POSTGRESQL.insertIgnore("kv", KEYS, KEYS));
    }

    // H2's compatibility modes accept the MariaDB spellings and PostgreSQL's ON CONFLICT DO NOTHING,
    // which checks at least the syntax and the update counts without a real server.

    @Test
    void mariadbInsertIgnoreAndUpsertRunInH2MariaDbMode() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:dialect-mariadb;MODE=MariaDB")) {
            createTable(c);
            String ignore = Dialect.MARIADB.insertIgnore("kv", COLUMNS, KEYS);
            String upsert = Dialect.MARIADB.upsert("kv", COLUMNS, KEYS);

            assertThat(execute(c, ignore, "x", "y", "first")).isEqualTo(1);
            assertThat(execute(c, ignore, "x", "y", "second")).isZero();
            assertThat(value(c)).isEqualTo("first");
            execute(c, upsert, "x", "y", "third");
            assertThat(value(c)).isEqualTo("third");
        }
    }

    @Test
    void postgresqlInsertIgnoreRunsInH2PostgresMode() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:dialect-pg;MODE=PostgreSQL")) {
            createTable(c);
            String ignore = Dialect.POSTGRESQL.insertIgnore("kv", COLUMNS, KEYS);

            assertThat(execute(c, ignore, "x", "y", "first")).isEqualTo(1);
            assertThat(execute(c, ignore, "x", "y", "second")).isZero();
            assertThat(value(c)).isEqualTo("first");
        }
    }

    private static void createTable(Connection c) throws SQLException {
        execute(c, "CREATE TABLE kv (a VARCHAR(10), b VARCHAR(10), v VARCHAR(10), PRIMARY KEY (a, b))");
    }

    private static int execute(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static String value(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM kv WHERE a = 'x' AND b = 'y'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
