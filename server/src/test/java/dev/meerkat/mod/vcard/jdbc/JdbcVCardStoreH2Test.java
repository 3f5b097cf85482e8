package dev.meerkat.mod.vcard.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcVCardStoreH2Test extends JdbcVCardStoreBackendTest {
    JdbcVCardStoreH2Test() {
        super(TestDatabase.h2());
    }
}
