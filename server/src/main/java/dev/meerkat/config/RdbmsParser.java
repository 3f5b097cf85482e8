package dev.meerkat.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.regex.Pattern;

/** {@code [outgoing_pools.rdbms.default]}; the embedded H2 database when absent. */
final class RdbmsParser {
    private static final SequencedSet<String> DRIVERS = new LinkedHashSet<>(List.of("h2", "pgsql", "mysql"));
    // For H2 the database is a file under data_dir: a plain name keeps it there.
    private static final Pattern H2_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private RdbmsParser() {
    }

    static RdbmsConfig parse(TomlOptions outgoingPools) {
        TomlOptions pool = outgoingPools.table("rdbms").table("default");
        int workers = pool.integer("workers", 10, 1, 1000);
        TomlOptions connection = pool.table("connection");
        String driver = connection.oneOf("driver", DRIVERS, "h2");
        String host = connection.string("host", "localhost");
        if (host.isBlank()) throw connection.error("host", "must not be empty");
        int port = connection.integer("port", 0, 0, 65535);
        String database = connection.string("database", "meerkat");
        if (database.isBlank()) throw connection.error("database", "must not be empty");
        if (driver.equals("h2") && !H2_NAME.matcher(database).matches()) {
            throw connection.error("database", "for h2 this is a file name under general.data_dir "
                    + "(letters, digits, '_', '-', '.'), got " + TomlOptions.quote(database));
        }
        String username = connection.string("username", null);
        String password = connection.string("password", null);
        return new RdbmsConfig(driver, host, port, database, username, password, workers,
                properties(connection.table("properties")));
    }

    private static Map<String, String> properties(TomlOptions table) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : table.keys()) {
            properties.put(key, table.string(key, null));
        }
        return Collections.unmodifiableMap(properties);
    }
}
