package dev.meerkat.mod.vcard.jdbc;

import dev.meerkat.mod.vcard.VCardStore;
import dev.meerkat.mod.vcard.VCardStoreContract;
import dev.meerkat.storage.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class JdbcVCardStoreH2Test implements VCardStoreContract {
    @TempDir
    Path dataDir;

    private Database database;

    @BeforeEach
    void open() { database = new Database(null, dataDir); }

    @AfterEach
    void close() { database.close(); }

    @Override
    public VCardStore store() { return new JdbcVCardStore(database); }
}
