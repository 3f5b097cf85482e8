package dev.meerkat.mod.mam.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcArchiveStoreMariadbTest extends JdbcArchiveStoreBackendTest {
    JdbcArchiveStoreMariadbTest() {
        super(TestDatabase.mariadb());
    }
}
