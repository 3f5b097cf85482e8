package dev.meerkat.mod.privatestorage.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcPrivateStorePostgresqlTest extends JdbcPrivateStoreBackendTest {
    JdbcPrivateStorePostgresqlTest() {
        super(TestDatabase.postgresql());
    }
}
