package dev.meerkat.e2e;

import dev.meerkat.storage.TestDatabase;

class DatabaseBackendPostgresqlE2eTest extends DatabaseBackendE2eTest {
    DatabaseBackendPostgresqlE2eTest() {
        super(TestDatabase.postgresql());
    }
}
