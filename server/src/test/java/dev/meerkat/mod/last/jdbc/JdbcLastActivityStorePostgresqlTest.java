package dev.meerkat.mod.last.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcLastActivityStorePostgresqlTest extends JdbcLastActivityStoreBackendTest {
    JdbcLastActivityStorePostgresqlTest() {
        super(TestDatabase.postgresql());
    }
}
