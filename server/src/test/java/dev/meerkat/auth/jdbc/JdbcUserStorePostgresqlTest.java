package dev.meerkat.auth.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcUserStorePostgresqlTest extends JdbcUserStoreBackendTest {
    JdbcUserStorePostgresqlTest() {
        super(TestDatabase.postgresql());
    }
}
