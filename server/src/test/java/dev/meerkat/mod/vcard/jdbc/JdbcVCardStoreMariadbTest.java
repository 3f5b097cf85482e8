package dev.meerkat.mod.vcard.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcVCardStoreMariadbTest extends JdbcVCardStoreBackendTest {
    JdbcVCardStoreMariadbTest() {
        super(TestDatabase.mariadb());
    }
}
