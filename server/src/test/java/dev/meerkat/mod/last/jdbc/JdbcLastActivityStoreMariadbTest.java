package dev.meerkat.mod.last.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcLastActivityStoreMariadbTest extends JdbcLastActivityStoreBackendTest {
    JdbcLastActivityStoreMariadbTest() {
        super(TestDatabase.mariadb());
    }
}
