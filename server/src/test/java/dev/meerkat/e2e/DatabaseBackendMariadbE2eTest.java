package dev.meerkat.e2e;

import dev.meerkat.storage.TestDatabase;

class DatabaseBackendMariadbE2eTest extends DatabaseBackendE2eTest {
    DatabaseBackendMariadbE2eTest() {
        super(TestDatabase.mariadb());
    }
}
