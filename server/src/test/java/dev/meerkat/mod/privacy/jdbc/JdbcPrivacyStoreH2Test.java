package dev.meerkat.mod.privacy.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcPrivacyStoreH2Test extends JdbcPrivacyStoreBackendTest {
    JdbcPrivacyStoreH2Test() {
        super(TestDatabase.h2());
    }
}
