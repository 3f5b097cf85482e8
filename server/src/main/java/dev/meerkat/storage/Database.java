package dev.meerkat.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.meerkat.config.RdbmsConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The server's relational database: a HikariCP pool on the configured database, its schema
 * brought up to date by Flyway when opened. Without an {@code [outgoing_pools.rdbms.default]}
 * section this is an embedded H2 database in file mode under {@code <data_dir>/db/}.
 *
 * <p>Opening connects and migrates, and every use of {@link #dataSource()} or {@link #jdbc()}
 * blocks: do it at start-up or on a blocking worker pool, never on a Netty event loop.
 */
public final class Database implements AutoCloseable {
    /** Pool size when the config gives none. */
    public static final int DEFAULT_POOL_SIZE = 10;
    static final String POOL_NAME = "meerkat-rdbms";

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final Dialect dialect;
    private final HikariDataSource pool;
    private final Jdbc jdbc;
    private final int migrationsRun;

    /**
     * Opens the pool and runs pending migrations.
     *
     * @param config  the rdbms pool section, or null for the embedded H2 default
     * @param dataDir {@code data_dir}; the H2 file goes to {@code <dataDir>/db/<database>.mv.db}
     * @throws StorageException         if the database cannot be reached or a migration fails
     * @throws IllegalArgumentException if the config names an unknown driver or a bad H2 file name
     */
    public Database(RdbmsConfig config, Path dataDir) {
        this.dialect = Dialect.fromDriver(config == null ? null : config.driver());
        String url = dialect.jdbcUrl(config, dataDir);
        if (dialect == Dialect.H2) {
            createDirectory(Dialect.h2File(dataDir, Dialect.databaseName(config)).getParent());
        }
        HikariDataSource opened;
        try {
            opened = new HikariDataSource(poolConfig(config, url));
        } catch (RuntimeException e) {
            // Hikari throws its own PoolInitializationException with the driver's SQLException inside.
            throw new StorageException("open", describe(e), e);
        }
        this.pool = opened;
        this.jdbc = new Jdbc(pool);
        try {
            this.migrationsRun = migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        log.info("rdbms {} ready ({} migration(s) applied)", dialect, migrationsRun);
    }

    private HikariConfig poolConfig(RdbmsConfig config, String url) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(POOL_NAME);
        hc.setJdbcUrl(url);
        if (config != null && config.username() != null) {
            hc.setUsername(config.username());
            hc.setPassword(config.password() == null ? "" : config.password());
        } else if (dialect == Dialect.H2) {
            // H2 creates the file with whatever user first connects; keep that fixed so reopening works.
            hc.setUsername("sa");
            hc.setPassword("");
        }
        if (config != null && config.properties() != null) {
            for (Map.Entry<String, String> p : config.properties().entrySet()) {
                hc.addDataSourceProperty(p.getKey(), p.getValue());
            }
        }
        int size = config == null || config.poolSize() <= 0 ? DEFAULT_POOL_SIZE : config.poolSize();
        // A fixed-size pool, as HikariCP recommends: no connection churn under bursty load.
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(size);
        hc.setConnectionTimeout(10_000);
        hc.setValidationTimeout(5_000);
        // Below the usual 8 h MariaDB wait_timeout and any firewall idle cut-off.
        hc.setMaxLifetime(30 * 60_000);
        hc.setKeepaliveTime(5 * 60_000);
        hc.setAutoCommit(true);
        return hc;
    }

    private int migrate() {
        try {
            return Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations(dialect.flywayLocations().toArray(String[]::new))
                    .failOnMissingLocations(true)
                    // a misnamed file would otherwise be skipped without a word
                    .validateMigrationNaming(true)
                    .cleanDisabled(true)
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayException e) {
            throw new StorageException("migrate", e.getMessage(), e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("open", "cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    /** The pooled connections. Blocking, like everything JDBC. */
    public DataSource dataSource() {
        return pool;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** A {@link Jdbc} helper on this pool. */
    public Jdbc jdbc() {
        return jdbc;
    }

    /** How many migrations this open applied (0 when the schema was already current). */
    public int migrationsRun() {
        return migrationsRun;
    }

    /** Closes the pool; for H2 this also closes the database file, since the last connection goes. */
    @Override
    public void close() {
        pool.close();
    }
}
