package dev.meerkat.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.meerkat.config.RdbmsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {
    private static final String INSERT_USER = "INSERT INTO users (server, username) VALUES (?, ?)";
    private static final String SELECT_USERS = "SELECT username FROM users ORDER BY username";

    @TempDir
    Path tmp;

    private static RdbmsConfig h2(String database, int poolSize) {
        return new RdbmsConfig("h2", null, 0, database, null, null, poolSize, Map.of());
    }

    private static long historyRows(Database db) {
        return db.jdbc().queryOne("test.history", "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL",
                Jdbc.Binder.NONE, row -> row.getLong(1)).orElseThrow();
    }

    @Test
    void embeddedDefaultIsAnH2FileUnderTheDataDir() {
        Path dataDir = tmp.resolve("var/meerkat");

        try (Database db = new Database(null, dataDir)) {
            assertThat(db.dialect()).isEqualTo(Dialect.H2);
            assertThat(dataDir.resolve("db/meerkat.mv.db")).isRegularFile();
            HikariDataSource pool = (HikariDataSource) db.dataSource();
            assertThat(pool.getPoolName()).isEqualTo("meerkat-rdbms");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(Database.DEFAULT_POOL_SIZE);
        }
    }

    @Test
    void configuredH2NameAndPoolSizeAreUsed() {
        try (Database db = new Database(h2("accounts", 3), tmp)) {
            assertThat(tmp.resolve("db/accounts.mv.db")).isRegularFile();
            assertThat(tmp.resolve("db/meerkat.mv.db")).doesNotExist();
            assertThat(((HikariDataSource) db.dataSource()).getMaximumPoolSize()).isEqualTo(3);
        }
    }

    @Test
    void migrationsRunOnlyOnTheFirstOpen() {
        long applied;
        try (Database first = new Database(null, tmp)) {
            assertThat(first.migrationsRun()).isPositive();
            applied = historyRows(first);
            assertThat(applied).isEqualTo(first.migrationsRun());
        }
        try (Database second = new Database(null, tmp)) {
            assertThat(second.migrationsRun()).isZero();
            assertThat(historyRows(second)).isEqualTo(applied);
        }
    }

    @Test
    void reopeningTheSameDataDirKeepsTheData() {
        try (Database db = new Database(null, tmp)) {
            db.jdbc().update("test.insert", INSERT_USER, Jdbc.Binder.of("example.org", "alice"));
        }
        try (Database db = new Database(null, tmp)) {
            assertThat(db.jdbc().query("test.select", SELECT_USERS, Jdbc.Binder.NONE, row -> row.getString(1)))
                    .containsExactly("alice");
        }
        try (Database other = new Database(null, tmp.resolve("elsewhere"))) {
            assertThat(other.jdbc().query("test.select", SELECT_USERS, Jdbc.Binder.NONE, row -> row.getString(1)))
                    .as("another data dir is another database").isEmpty();
        }
    }

    @Test
    void h2NamesThatAreNotPlainFileNamesAreRejected() {
        for (String bad : List.of("../escape", "a/b", "x;INIT=RUNSCRIPT FROM 'evil.sql'", ".hidden")) {
            assertThatThrownBy(() -> new Database(h2(bad, 1), tmp)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void unknownDriverIsRejected() {
        RdbmsConfig oracle = new RdbmsConfig("oracle", "db", 0, "x", "u", "p", 1, Map.of());

        assertThatThrownBy(() -> new Database(oracle, tmp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oracle");
    }

    @Test
    void failedStatementCarriesItsName() {
        try (Database db = new Database(null, tmp)) {
            assertThatThrownBy(() -> db.jdbc().update("bad.statement", "SELEC nonsense", Jdbc.Binder.NONE))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.statement()).isEqualTo("bad.statement");
                        assertThat(e.getMessage()).contains("bad.statement");
                        assertThat(e.getCause()).isInstanceOf(SQLException.class);
                        assertThat(e.isDuplicateKey()).isFalse();
                    });
        }
    }

    @Test
    void duplicateKeyIsRecognised() {
        try (Database db = new Database(null, tmp)) {
            db.jdbc().update("test.insert", INSERT_USER, Jdbc.Binder.of("example.org", "alice"));

            assertThatThrownBy(() -> db.jdbc().update("test.insert", INSERT_USER, Jdbc.Binder.of("example.org", "alice")))
                    .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.isDuplicateKey()).isTrue());
        }
    }

    @Test
    void transactionCommitsWhenTheWorkReturns() {
        try (Database db = new Database(null, tmp)) {
            int inserted = db.jdbc().inTransaction("test.tx", tx -> {
                tx.update("test.insert", INSERT_USER, Jdbc.Binder.of("example.org", "alice"));
                // a nested call joins the outer transaction instead of taking a second connection
                return tx.inTransaction("test.nested", inner -> inner.update("test.insert", INSERT_USER,
                        Jdbc.Binder.of("example.org", "bob"))) + 1;
            });

            assertThat(inserted).isEqualTo(2);
            assertThat(db.jdbc().query("test.select", SELECT_USERS, Jdbc.Binder.NONE, row -> row.getString(1)))
                    .containsExactly("alice", "bob");
        }
    }

    @Test
    void transactionRollsBackWhenTheWorkThrows() {
        try (Database db = new Database(null, tmp)) {
            IllegalStateException failure = new IllegalStateException("boom");

            assertThatThrownBy(() -> db.jdbc().inTransaction("test.tx", tx -> {
                tx.update("test.insert", INSERT_USER, Jdbc.Binder.of("example.org", "alice"));
                throw failure;
            })).isSameAs(failure);
            assertThatThrownBy(() -> db.jdbc().inTransaction("test.tx2", tx -> {
                tx.update("test.insert", INSERT_USER, Jdbc.Binder.of("example.org", "bob"));
                throw new SQLException("raw failure");
            })).isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.statement()).isEqualTo("test.tx2"));

            assertThat(db.jdbc().query("test.select", SELECT_USERS, Jdbc.Binder.NONE, row -> row.getString(1))).isEmpty();
            // the connections went back to the pool in auto-commit mode
            db.jdbc().update("test.insert", INSERT_USER, Jdbc.Binder.of("example.org", "carol"));
            assertThat(db.jdbc().query("test.select", SELECT_USERS, Jdbc.Binder.NONE, row -> row.getString(1)))
                    .containsExactly("carol");
        }
    }

    @Test
    void queryOneIsEmptyWithoutRows() {
        try (Database db = new Database(null, tmp)) {
            assertThat(db.jdbc().queryOne("test.one", SELECT_USERS, Jdbc.Binder.NONE, row -> row.getString(1))).isEmpty();
        }
    }

    @Test
    void h2InsertIgnoreAndUpsertWork() {
        try (Database db = new Database(null, tmp)) {
            Jdbc jdbc = db.jdbc();
            jdbc.update("test.ddl", "CREATE TABLE kv (a VARCHAR(10), b VARCHAR(10), v VARCHAR(10), PRIMARY KEY (a, b))",
                    Jdbc.Binder.NONE);
            List<String> columns = List.of("a", "b", "v");
            List<String> keys = List.of("a", "b");
            String ignore = db.dialect().insertIgnore("kv", columns, keys);
            String upsert = db.dialect().upsert("kv", columns, keys);

            assertThat(jdbc.update("test.ignore", ignore, Jdbc.Binder.of("x", "y", "first"))).isEqualTo(1);
            assertThat(jdbc.update("test.ignore", ignore, Jdbc.Binder.of("x", "y", "second"))).isZero();
            assertThat(value(jdbc)).isEqualTo("first");

            jdbc.update("test.upsert", upsert, Jdbc.Binder.of("x", "y", "third"));
            assertThat(value(jdbc)).isEqualTo("third");
            jdbc.update("test.upsert", upsert, Jdbc.Binder.of("x", "z", "new"));
            assertThat(jdbc.queryOne("test.count", "SELECT COUNT(*) FROM kv", Jdbc.Binder.NONE, r -> r.getInt(1)))
                    .contains(2);
        }
    }

    private static String value(Jdbc jdbc) {
        return jdbc.queryOne("test.value", "SELECT v FROM kv WHERE a = 'x' AND b = 'y'", Jdbc.Binder.NONE,
                r -> r.getString(1)).orElseThrow();
    }

    @Test
    void dataDirMayBeRelative() throws Exception {
        Path relative = Path.of("target", "database-test-" + ProcessHandle.current().pid());
        try (Database db = new Database(null, relative)) {
            assertThat(relative.resolve("db/meerkat.mv.db")).isRegularFile();
        } finally {
            try (var files = Files.walk(relative)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
