package dev.meerkat.mod.pubsub.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcPubSubStoreH2Test extends JdbcPubSubStoreBackendTest {
    JdbcPubSubStoreH2Test() {
        super(TestDatabase.h2());
    }
}
