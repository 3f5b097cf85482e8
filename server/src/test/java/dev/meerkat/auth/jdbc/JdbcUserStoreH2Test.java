package dev.meerkat.auth.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcUserStoreH2Test extends JdbcUserStoreBackendTest {
    JdbcUserStoreH2Test() {
        super(TestDatabase.h2());
    }
}
