package dev.meerkat.mod.pubsub.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcPubSubStoreMariadbTest extends JdbcPubSubStoreBackendTest {
    JdbcPubSubStoreMariadbTest() {
        super(TestDatabase.mariadb());
    }
}
