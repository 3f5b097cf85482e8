package dev.meerkat.mod.offline.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcOfflineStoreMariadbTest extends JdbcOfflineStoreBackendTest {
    JdbcOfflineStoreMariadbTest() {
        super(TestDatabase.mariadb());
    }
}
