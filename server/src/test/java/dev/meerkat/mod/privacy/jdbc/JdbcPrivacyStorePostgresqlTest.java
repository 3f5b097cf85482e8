package dev.meerkat.mod.privacy.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcPrivacyStorePostgresqlTest extends JdbcPrivacyStoreBackendTest {
    JdbcPrivacyStorePostgresqlTest() {
        super(TestDatabase.postgresql());
    }
}
