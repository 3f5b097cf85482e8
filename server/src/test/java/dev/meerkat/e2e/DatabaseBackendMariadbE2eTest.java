package dev.meerkat.e2e;

import dev.meerkat.storage.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseBackendMariadbE2eTest extends DatabaseBackendE2eTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.mariadb().perClass();

    @Override
    TestDatabase db() { return db; }
}
