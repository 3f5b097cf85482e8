package dev.meerkat.mod.pubsub.jdbc;

import dev.meerkat.mod.pubsub.PubSubStore;
import dev.meerkat.mod.pubsub.PubSubStoreContract;
import dev.meerkat.storage.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class JdbcPubSubStoreH2Test implements PubSubStoreContract {
    @TempDir
    Path dataDir;

    private Database database;

    @BeforeEach
    void open() { database = new Database(null, dataDir); }

    @AfterEach
    void close() { database.close(); }

    @Override
    public PubSubStore store() { return new JdbcPubSubStore(database); }
}
