package dev.meerkat.mod.roster.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcRosterStoreMariadbTest extends JdbcRosterStoreBackendTest {
    JdbcRosterStoreMariadbTest() {
        super(TestDatabase.mariadb());
    }
}
