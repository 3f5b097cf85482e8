package dev.meerkat.mod.privatestorage.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcPrivateStoreMariadbTest extends JdbcPrivateStoreBackendTest {
    JdbcPrivateStoreMariadbTest() {
        super(TestDatabase.mariadb());
    }
}
