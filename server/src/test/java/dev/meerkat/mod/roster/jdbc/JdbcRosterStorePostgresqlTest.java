package dev.meerkat.mod.roster.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcRosterStorePostgresqlTest extends JdbcRosterStoreBackendTest {
    JdbcRosterStorePostgresqlTest() {
        super(TestDatabase.postgresql());
    }
}
