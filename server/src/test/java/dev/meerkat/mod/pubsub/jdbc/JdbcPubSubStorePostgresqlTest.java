package dev.meerkat.mod.pubsub.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcPubSubStorePostgresqlTest extends JdbcPubSubStoreBackendTest {
    JdbcPubSubStorePostgresqlTest() {
        super(TestDatabase.postgresql());
    }
}
