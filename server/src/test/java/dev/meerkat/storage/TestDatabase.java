package dev.meerkat.storage;

import dev.meerkat.config.RdbmsConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A fresh, empty {@link Database} for each test on one backend: embedded H2, or the PostgreSQL or
 * MariaDB server that {@code .ci/services.sh} started and described in the environment
 * ({@code SC_PG_URL}, {@code SC_PG_USER}, {@code SC_PG_PASSWORD}; {@code SC_MARIADB_URL}, ...).
 *
 * <p>A backend test of a store is one small class:
 * <pre>{@code
 * class JdbcFooStorePostgresqlTest implements FooStoreContract {
 *     @RegisterExtension
 *     static final TestDatabase db = TestDatabase.postgresql();
 *
 *     public FooStore store() { return new JdbcFooStore(db.database()); }
 * }
 * }</pre>
 * Before each test every table of the test database is dropped and the migrations run again, so
 * each test starts from the schema a new installation gets.
 *
 * <p>Without the environment variables the tests are skipped with a message saying how to run
 * them, except when {@code MEERKAT_REQUIRE_DATABASES=1} (set by {@code .ci/run}): then a missing
 * database fails the test, so CI cannot go green without having tested PostgreSQL and MariaDB.
 *
 * <p>{@link #perClass()} gives one database to all tests of a class instead (cleaned before the
 * first, closed after the last; register it on a static field): for end-to-end tests that share
 * one running node, whose tables must not be dropped under it between tests.
 */
public final class TestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    /** Set to 1 in CI: a database that is not configured fails instead of skipping. */
    public static final String REQUIRE_ENV = "MEERKAT_REQUIRE_DATABASES";

    /** The three backends and where their test servers are described. */
    public enum Backend {
        H2(null, "h2"),
        POSTGRESQL("SC_PG", "pgsql"),
        MARIADB("SC_MARIADB", "mysql");

        private final String envPrefix;
        private final String driver;

        Backend(String envPrefix, String driver) {
            this.envPrefix = envPrefix;
            this.driver = driver;
        }

        /** {@code connection.driver} for the config. */
        public String driver() { return driver; }
    }

    private final Backend backend;
    private final Function<String, String> env;
    private final boolean perClass;
    private RdbmsConfig config;
    private Path dataDir;
    private Database database;

    private TestDatabase(Backend backend, Function<String, String> env) {
        this(backend, env, false);
    }

    private TestDatabase(Backend backend, Function<String, String> env, boolean perClass) {
        this.backend = backend;
        this.env = env;
        this.perClass = perClass;
    }

    /** The same backend, one database for the whole class (see the class comment); static fields only. */
    public TestDatabase perClass() { return new TestDatabase(backend, env, true); }

    public static TestDatabase h2() { return new TestDatabase(Backend.H2, System::getenv); }

    public static TestDatabase postgresql() { return new TestDatabase(Backend.POSTGRESQL, System::getenv); }

    public static TestDatabase mariadb() { return new TestDatabase(Backend.MARIADB, System::getenv); }

    public static TestDatabase of(Backend backend) { return new TestDatabase(backend, System::getenv); }

    /** For testing the skip/fail decision itself. */
    static TestDatabase of(Backend backend, Function<String, String> env) { return new TestDatabase(backend, env); }

    public Backend backend() { return backend; }

    /**
     * The pool section pointing at the test database (null for H2, which means the embedded
     * default). Available from {@code beforeAll} on.
     */
    public RdbmsConfig config() { return config; }

    /**
     * The {@code [outgoing_pools.rdbms.default]} TOML for a server configured on this database
     * (empty for H2), to append to a test node's config. The schema is whatever the last test left:
     * call {@link #database()} (or let {@code beforeEach} run) to clean it first.
     */
    public String toml() {
        if (config == null) return "";
        return "\n[outgoing_pools.rdbms.default]\nworkers = 4\n"
                + "[outgoing_pools.rdbms.default.connection]\n"
                + "driver = \"" + config.driver() + "\"\n"
                + "host = \"" + config.host() + "\"\n"
                + "port = " + config.port() + "\n"
                + "database = \"" + config.database() + "\"\n"
                + "username = \"" + config.username() + "\"\n"
                + "password = \"" + config.password() + "\"\n";
    }

    /** The database of the current test: empty schema, migrations applied. */
    public Database database() {
        if (database == null) throw new IllegalStateException("no test is running (register with @RegisterExtension)");
        return database;
    }

    /** Closes the current pool and opens a new one on the same data, as a server restart would. */
    public Database reopen() {
        database.close();
        database = new Database(config, dataDir);
        return database;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, SQLException {
        config = resolve();
        if (perClass) open();
    }

    /**
     * The pool config for this backend, or an aborted/failed test when its server is not
     * described in the environment.
     */
    RdbmsConfig resolve() {
        if (backend == Backend.H2) return null;
        String url = env.apply(backend.envPrefix + "_URL");
        if (url == null || url.isBlank()) {
            String message = backend + " tests need a running server: set " + backend.envPrefix + "_URL (jdbc:...), "
                    + backend.envPrefix + "_USER and " + backend.envPrefix + "_PASSWORD, e.g. by sourcing "
                    + ".ci/services.sh and calling start_pg / start_mariadb";
            if ("1".equals(env.apply(REQUIRE_ENV))) {
                throw new IllegalStateException(message + " (" + REQUIRE_ENV + "=1 makes this a failure)");
            }
            Assumptions.abort(message);
        }
        return fromUrl(backend, url, env.apply(backend.envPrefix + "_USER"), env.apply(backend.envPrefix + "_PASSWORD"));
    }

    /** {@code jdbc:postgresql://host:port/db} into a pool config. */
    static RdbmsConfig fromUrl(Backend backend, String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:")) throw new IllegalArgumentException("not a JDBC URL: " + jdbcUrl);
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new RdbmsConfig(backend.driver(), uri.getHost(), Math.max(uri.getPort(), 0), database, user,
                password, 4, Map.of());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException, SQLException {
        if (perClass) return;
        // registered on an instance field, beforeAll is not called
        if (config == null) config = resolve();
        open();
    }

    /** A fresh data directory and an empty schema with the migrations applied. */
    private void open() throws IOException, SQLException {
        dataDir = Files.createTempDirectory("meerkat-testdb");
        if (config != null) dropAllTables(config);
        database = new Database(config, dataDir);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (!perClass) close();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (perClass) close();
    }

    private void close() throws IOException {
        if (database != null) database.close();
        database = null;
        if (dataDir == null) return;  // skipped before anything was made (no database server)
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
        dataDir = null;
    }

    /** Empties the test database (every table, including Flyway's history) so migrations start over. */
    static void dropAllTables(RdbmsConfig config) throws SQLException {
        Dialect dialect = Dialect.fromDriver(config.driver());
        String url = dialect.jdbcUrl(config, Path.of("."));
        try (Connection c = DriverManager.getConnection(url, config.username(), config.password());
             Statement s = c.createStatement()) {
            String schema = dialect == Dialect.POSTGRESQL ? "current_schema()" : "DATABASE()";
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_type = 'BASE TABLE' AND table_schema = " + schema)) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            if (dialect == Dialect.MARIADB) s.execute("SET FOREIGN_KEY_CHECKS = 0");
            for (String table : tables) {
                String quoted = dialect == Dialect.POSTGRESQL ? '"' + table + '"' : '`' + table + '`';
                s.execute("DROP TABLE IF EXISTS " + quoted + (dialect == Dialect.POSTGRESQL ? " CASCADE" : ""));
            }
            if (dialect == Dialect.MARIADB) s.execute("SET FOREIGN_KEY_CHECKS = 1");
        }
    }
}
