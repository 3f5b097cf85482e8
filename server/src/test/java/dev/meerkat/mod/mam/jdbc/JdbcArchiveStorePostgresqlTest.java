package dev.meerkat.mod.mam.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcArchiveStorePostgresqlTest extends JdbcArchiveStoreBackendTest {
    JdbcArchiveStorePostgresqlTest() {
        super(TestDatabase.postgresql());
    }
}
