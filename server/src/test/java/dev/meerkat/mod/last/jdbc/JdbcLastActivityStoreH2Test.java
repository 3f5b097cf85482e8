package dev.meerkat.mod.last.jdbc;

import dev.meerkat.mod.last.LastActivityStore;
import dev.meerkat.mod.last.LastActivityStoreContract;
import dev.meerkat.storage.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class JdbcLastActivityStoreH2Test implements LastActivityStoreContract {
    @TempDir
    Path dataDir;

    private Database database;

    @BeforeEach
    void open() { database = new Database(null, dataDir); }

    @AfterEach
    void close() { database.close(); }

    @Override
    public LastActivityStore store() { return new JdbcLastActivityStore(database); }
}
