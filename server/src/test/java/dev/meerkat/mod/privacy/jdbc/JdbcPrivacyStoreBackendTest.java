package dev.meerkat.mod.privacy.jdbc;

import dev.meerkat.mod.privacy.PrivacyItem;
import dev.meerkat.mod.privacy.PrivacyList;
import dev.meerkat.mod.privacy.PrivacyStore;
import dev.meerkat.mod.privacy.PrivacyStoreContract;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link JdbcPrivacyStore} on one backend; each backend is a subclass naming its {@link TestDatabase}. */
abstract class JdbcPrivacyStoreBackendTest implements PrivacyStoreContract {
    @RegisterExtension
    final TestDatabase db;

    private Database database;
    private JdbcPrivacyStore store;

    JdbcPrivacyStoreBackendTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() {
        database = db.database();
        store = new JdbcPrivacyStore(database);
    }

    @Override
    public PrivacyStore store() {
        return store;
    }

    @Test
    void concurrentUpdatesOfOneListLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> adds = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int n = w;
                adds.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        String jid = "u" + n + "-" + i + "@example.com";
                        store.update(ROMEO, "Blocked contacts", l -> {
                            List<PrivacyItem> items = new ArrayList<>(l.items());
                            items.add(PrivacyItem.blockJid(jid, items.size()));
                            return new PrivacyList(l.name(), items);
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : adds) f.get();
            assertThat(store.list(ROMEO, "Blocked contacts").orElseThrow().items()).hasSize(20);
        } finally {
            pool.shutdownNow();
        }
    }
}
