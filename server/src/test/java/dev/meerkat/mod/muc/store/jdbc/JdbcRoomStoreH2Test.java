package dev.meerkat.mod.muc.store.jdbc;

import dev.meerkat.storage.TestDatabase;

class JdbcRoomStoreH2Test extends JdbcRoomStoreBackendTest {
    JdbcRoomStoreH2Test() {
        super(TestDatabase.h2());
    }
}
