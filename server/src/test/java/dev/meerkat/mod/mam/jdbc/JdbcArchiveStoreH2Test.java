package dev.meerkat.mod.mam.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcArchiveStoreH2Test extends JdbcArchiveStoreBackendTest {
    JdbcArchiveStoreH2Test() {
        super(TestDatabase.h2());
    }
}
