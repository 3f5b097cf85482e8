package dev.meerkat.mod.muc.store.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcRoomStoreMariadbTest extends JdbcRoomStoreBackendTest {
    JdbcRoomStoreMariadbTest() {
        super(TestDatabase.mariadb());
    }
}
