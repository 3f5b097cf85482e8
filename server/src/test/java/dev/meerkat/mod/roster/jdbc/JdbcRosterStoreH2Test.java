package dev.meerkat.mod.roster.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcRosterStoreH2Test extends JdbcRosterStoreBackendTest {
    JdbcRosterStoreH2Test() {
        super(TestDatabase.h2());
    }
}
