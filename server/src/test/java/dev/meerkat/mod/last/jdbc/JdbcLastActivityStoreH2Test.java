package dev.meerkat.mod.last.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcLastActivityStoreH2Test extends JdbcLastActivityStoreBackendTest {
    JdbcLastActivityStoreH2Test() {
        super(TestDatabase.h2());
    }
}
