package dev.meerkat.storage;

import dev.meerkat.config.RdbmsConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The supported databases and the few places where their SQL differs. Stores write portable SQL
 * (standard DDL/DML, {@code LIMIT ? OFFSET ?}) and ask the dialect only for the statements that have
 * no common spelling.
 *
 * <p>Table and column names given to the builders are inserted verbatim: they must be constants of
 * the calling store, never user input.
 */
public enum Dialect {
    /** Embedded H2 in its native mode (no compatibility MODE: vendor SQL goes through this enum). */
    H2(false, 0),
    POSTGRESQL(true, 5432),
    /** MariaDB (and MySQL, which shares the wire protocol and the SQL used here). */
    MARIADB(true, 3306);

    /** Database name of the embedded H2 file when the config names none. */
    public static final String DEFAULT_DATABASE = "meerkat";

    /** H2 file names: one plain name under {@code <data_dir>/db}, so no path or URL setting can sneak in. */
    private static final Pattern H2_FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}");

    /**
     * H2 URL settings for a long-running server: the pool and {@link Database#close()} close the
     * database, not a JVM shutdown hook racing our own shutdown; lock waits long enough for a busy
     * server rather than H2's 1 s default.
     */
    private static final String H2_SETTINGS = ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";

    private final boolean vendorMigrations;
    private final int defaultPort;

    Dialect(boolean vendorMigrations, int defaultPort) {
        this.vendorMigrations = vendorMigrations;
        this.defaultPort = defaultPort;
    }

    /**
     * The dialect for {@code connection.driver}: h2 (also when null or blank), pgsql/postgresql,
     * mysql/mariadb.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Dialect fromDriver(String driver) {
        if (driver == null || driver.isBlank()) {
            return H2;
        }
        return switch (driver.trim().toLowerCase(Locale.ROOT)) {
            case "h2" -> H2;
            case "pgsql", "postgresql", "postgres" -> POSTGRESQL;
            case "mysql", "mariadb" -> MARIADB;
            default -> throw new IllegalArgumentException(
                    "unknown rdbms driver '" + driver + "' (expected h2, pgsql or mysql)");
        };
    }

    /** The database name to use: the configured one, else {@link #DEFAULT_DATABASE}. */
    public static String databaseName(RdbmsConfig config) {
        return config == null || config.database() == null || config.database().isBlank()
                ? DEFAULT_DATABASE : config.database();
    }

    /**
     * Where the embedded H2 database of {@code databaseName} lives: {@code <dataDir>/db/<name>}
     * (H2 appends {@code .mv.db}).
     *
     * @throws IllegalArgumentException if the name is not a plain file name
     */
    public static Path h2File(Path dataDir, String databaseName) {
        if (!H2_FILE_NAME.matcher(databaseName).matches()) {
            throw new IllegalArgumentException("h2 database name must be a plain file name of letters, digits, _ "
                    + "and -, got '" + databaseName + "'");
        }
        return dataDir.toAbsolutePath().normalize().resolve("db").resolve(databaseName);
    }

    /**
     * The JDBC URL. For H2 the file goes under {@code dataDir}; for the others host, port (0 meaning
     * the server's default) and database come from {@code config}. Extra JDBC properties are not
     * put into the URL: {@link Database} passes them to the driver as connection properties.
     */
    public String jdbcUrl(RdbmsConfig config, Path dataDir) {
        return switch (this) {
            case H2 -> "jdbc:h2:file:" + h2File(dataDir, databaseName(config)) + H2_SETTINGS;
            case POSTGRESQL -> "jdbc:postgresql://" + hostAndPort(config) + "/" + databaseName(config);
            case MARIADB -> "jdbc:mariadb://" + hostAndPort(config) + "/" + databaseName(config);
        };
    }

    private String hostAndPort(RdbmsConfig config) {
        String host = config == null || config.host() == null || config.host().isBlank() ? "localhost" : config.host();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // IPv6 literal
        }
        int port = config == null || config.port() <= 0 ? defaultPort : config.port();
        return host + ":" + port;
    }

    /**
     * Flyway locations: the common folder, then this vendor's folder if it has one. Versions are
     * shared across folders, so a vendor file uses a version between the common ones (e.g. V1_1
     * after V1) to adjust what the common SQL cannot express.
     */
    public List<String> flywayLocations() {
        List<String> locations = new ArrayList<>(2);
        locations.add("classpath:db/migration/common");
        if (vendorMigrations) {
            locations.add("classpath:db/migration/" + name().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(locations);
    }

    /**
     * An INSERT of one row that does nothing when a row with the same key exists; the update
     * count is 1 if inserted, 0 if not. Bind the {@code columns} in order.
     *
     * <p>H2's MERGE and MariaDB's INSERT IGNORE are not fully atomic against a concurrent insert of
     * the same key, which may still fail with a duplicate key ({@link StorageException#isDuplicateKey()}).
     * On MariaDB, IGNORE also downgrades data errors (too long values) to warnings, so the caller
     * must check value lengths first.
     */
    public String insertIgnore(String table, List<String> columns, List<String> keyColumns) {
        requireKeys(columns, keyColumns);
        return switch (this) {
            case H2 -> "MERGE INTO " + table + " t USING (VALUES (" + placeholders(columns.size()) + ")) AS s("
                    + String.join(", ", columns) + ") ON " + keyColumns.stream()
                            .map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "))
                    + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES ("
                    + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
            case POSTGRESQL -> insert(table, columns) + " ON CONFLICT DO NOTHING";
            case MARIADB -> "INSERT IGNORE INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + placeholders(columns.size()) + ")";
        };
    }

    /**
     * An INSERT of one row that overwrites the non-key columns when a row with the same key exists.
     * Bind the {@code columns} in order. The update count differs by database (MariaDB says 2 for
     * an update), so callers should not interpret it.
     */
    public String upsert(String table, List<String> columns, List<String> keyColumns) {
        requireKeys(columns, keyColumns);
        List<String> values = columns.stream().filter(c -> !keyColumns.contains(c)).toList();
        if (values.isEmpty()) {
            return insertIgnore(table, columns, keyColumns);
        }
        return switch (this) {
            case H2 -> "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY ("
                    + String.join(", ", keyColumns) + ") VALUES (" + placeholders(columns.size()) + ")";
            case POSTGRESQL -> insert(table, columns) + " ON CONFLICT (" + String.join(", ", keyColumns)
                    + ") DO UPDATE SET " + values.stream().map(c -> c + " = EXCLUDED." + c)
                            .collect(Collectors.joining(", "));
            case MARIADB -> insert(table, columns) + " ON DUPLICATE KEY UPDATE "
                    + values.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
        };
    }

    /**
     * The paging clause to append after ORDER BY; binds the limit first, then the offset. All three
     * databases accept the same spelling, kept here so a future dialect can differ.
     */
    public String limitOffset() {
        return " LIMIT ? OFFSET ?";
    }

    private static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + placeholders(columns.size()) + ")";
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static void requireKeys(List<String> columns, List<String> keyColumns) {
        if (keyColumns.isEmpty() || !columns.containsAll(keyColumns)) {
            throw new IllegalArgumentException("key columns " + keyColumns + " must be a non-empty subset of " + columns);
        }
    }
}
