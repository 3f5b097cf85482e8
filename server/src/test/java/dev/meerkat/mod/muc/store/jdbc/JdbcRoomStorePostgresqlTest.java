package dev.meerkat.mod.muc.store.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcRoomStorePostgresqlTest extends JdbcRoomStoreBackendTest {
    JdbcRoomStorePostgresqlTest() {
        super(TestDatabase.postgresql());
    }
}
