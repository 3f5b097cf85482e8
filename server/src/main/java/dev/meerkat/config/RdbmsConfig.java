package dev.meerkat.config;

import java.util.Map;

/**
 * {@code [outgoing_pools.rdbms.default]}. When the section is absent, the embedded H2 database
 * under {@code data_dir} is used.
 *
 * @param driver     {@code connection.driver}: h2 (default), pgsql, mysql
 * @param host       {@code connection.host} (pgsql/mysql)
 * @param port       {@code connection.port}, 0 for the driver's default
 * @param database   {@code connection.database}; for h2 a file name under data_dir (default "meerkat")
 * @param username   {@code connection.username}
 * @param password   {@code connection.password}
 * @param poolSize   {@code workers}, default 10
 * @param properties {@code connection.properties}: extra JDBC properties as a table of strings
 */
public record RdbmsConfig(String driver, String host, int port, String database, String username, String password,
                          int poolSize, Map<String, String> properties) {
    @Override
    public String toString() {
        return "RdbmsConfig[driver=" + driver + ", host=" + host + ", port=" + port + ", database=" + database
                + ", username=" + username + ", poolSize=" + poolSize + "]";
    }
}
