package dev.meerkat.mod.vcard.jdbc;

import dev.meerkat.mod.vcard.VCardStore;
import dev.meerkat.mod.vcard.VCardStoreContract;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcVCardStore} on one backend; each backend is a subclass naming its {@link TestDatabase}. */
abstract class JdbcVCardStoreBackendTest implements VCardStoreContract {
    @RegisterExtension
    final TestDatabase db;

    private Database database;

    JdbcVCardStoreBackendTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() { database = db.database(); }

    @Override
    public VCardStore store() { return new JdbcVCardStore(database); }
}
