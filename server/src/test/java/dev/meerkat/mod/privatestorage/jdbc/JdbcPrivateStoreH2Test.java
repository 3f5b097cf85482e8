package dev.meerkat.mod.privatestorage.jdbc;

import dev.meerkat.mod.privatestorage.PrivateStore;
import dev.meerkat.mod.privatestorage.PrivateStoreContract;
import dev.meerkat.storage.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class JdbcPrivateStoreH2Test implements PrivateStoreContract {
    @TempDir
    Path dataDir;

    private Database database;

    @BeforeEach
    void open() { database = new Database(null, dataDir); }

    @AfterEach
    void close() { database.close(); }

    @Override
    public PrivateStore store() { return new JdbcPrivateStore(database); }
}
