package dev.meerkat.mod.vcard.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcVCardStorePostgresqlTest extends JdbcVCardStoreBackendTest {
    JdbcVCardStorePostgresqlTest() {
        super(TestDatabase.postgresql());
    }
}
