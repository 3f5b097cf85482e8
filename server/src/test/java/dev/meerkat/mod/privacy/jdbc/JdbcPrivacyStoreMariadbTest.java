package dev.meerkat.mod.privacy.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcPrivacyStoreMariadbTest extends JdbcPrivacyStoreBackendTest {
    JdbcPrivacyStoreMariadbTest() {
        super(TestDatabase.mariadb());
    }
}
