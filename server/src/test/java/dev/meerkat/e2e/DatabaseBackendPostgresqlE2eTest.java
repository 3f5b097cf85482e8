package dev.meerkat.e2e;

import dev.meerkat.storage.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseBackendPostgresqlE2eTest extends DatabaseBackendE2eTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.postgresql().perClass();

    @Override
    TestDatabase db() { return db; }
}
