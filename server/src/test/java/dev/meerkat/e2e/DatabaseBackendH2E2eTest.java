package dev.meerkat.e2e;

import dev.meerkat.storage.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseBackendH2E2eTest extends DatabaseBackendE2eTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.h2().perClass();

    @Override
    TestDatabase db() { return db; }
}
