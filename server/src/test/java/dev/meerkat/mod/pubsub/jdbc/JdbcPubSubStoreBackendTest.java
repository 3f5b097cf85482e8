package dev.meerkat.mod.pubsub.jdbc;

import dev.meerkat.mod.pubsub.PubSubStore;
import dev.meerkat.mod.pubsub.PubSubStoreContract;
import dev.meerkat.storage.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbcPubSubStore} on one backend; each backend is a subclass naming its {@link TestDatabase}. */
abstract class JdbcPubSubStoreBackendTest implements PubSubStoreContract {
    @RegisterExtension
    final TestDatabase db;

    private JdbcPubSubStore store;

    JdbcPubSubStoreBackendTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() {
        store = new JdbcPubSubStore(db.database());
    }

    @Override
    public PubSubStore store() { return store; }
}
