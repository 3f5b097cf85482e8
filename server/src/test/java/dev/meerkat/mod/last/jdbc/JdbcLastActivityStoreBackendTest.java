package dev.meerkat.mod.last.jdbc;

import dev.meerkat.mod.last.LastActivityStore;
import dev.meerkat.mod.last.LastActivityStoreContract;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcLastActivityStore} on one backend; each backend is a subclass naming its {@link TestDatabase}. */
abstract class JdbcLastActivityStoreBackendTest implements LastActivityStoreContract {
    @RegisterExtension
    final TestDatabase db;

    private Database database;

    JdbcLastActivityStoreBackendTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() { database = db.database(); }

    @Override
    public LastActivityStore store() { return new JdbcLastActivityStore(database); }
}
