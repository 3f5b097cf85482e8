package dev.meerkat.mod.offline.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcOfflineStorePostgresqlTest extends JdbcOfflineStoreBackendTest {
    JdbcOfflineStorePostgresqlTest() {
        super(TestDatabase.postgresql());
    }
}
