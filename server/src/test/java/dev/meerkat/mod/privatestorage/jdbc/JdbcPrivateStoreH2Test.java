package dev.meerkat.mod.privatestorage.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcPrivateStoreH2Test extends JdbcPrivateStoreBackendTest {
    JdbcPrivateStoreH2Test() {
        super(TestDatabase.h2());
    }
}
