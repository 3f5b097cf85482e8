package dev.meerkat.auth.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcUserStoreMariadbTest extends JdbcUserStoreBackendTest {
    JdbcUserStoreMariadbTest() {
        super(TestDatabase.mariadb());
    }
}
