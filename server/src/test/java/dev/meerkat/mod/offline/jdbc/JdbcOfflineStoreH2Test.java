package dev.meerkat.mod.offline.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcOfflineStoreH2Test extends JdbcOfflineStoreBackendTest {
    JdbcOfflineStoreH2Test() {
        super(TestDatabase.h2());
    }
}
