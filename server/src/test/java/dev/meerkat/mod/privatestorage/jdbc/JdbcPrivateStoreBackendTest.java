package dev.meerkat.mod.privatestorage.jdbc;

import dev.meerkat.mod.privatestorage.PrivateStore;
import dev.meerkat.mod.privatestorage.PrivateStoreContract;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcPrivateStore} on one backend; each backend is a subclass naming its {@link TestDatabase}. */
abstract class JdbcPrivateStoreBackendTest implements PrivateStoreContract {
    @RegisterExtension
    final TestDatabase db;

    private Database database;

    JdbcPrivateStoreBackendTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() { database = db.database(); }

    @Override
    public PrivateStore store() { return new JdbcPrivateStore(database); }
}
