package dev.meerkat.mod.offline.jdbc;

import dev.meerkat.mod.offline.OfflineStore;
import dev.meerkat.mod.offline.OfflineStoreContract;
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

/** {@link JdbcOfflineStore} on one backend; each backend is a subclass naming its {@link TestDatabase}. */
abstract class JdbcOfflineStoreBackendTest implements OfflineStoreContract {
    @RegisterExtension
    final TestDatabase db;

    private Database database;
    private JdbcOfflineStore store;

    JdbcOfflineStoreBackendTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() {
        database = db.database();
        store = new JdbcOfflineStore(database);
    }

    @Override
    public OfflineStore store() {
        return store;
    }

    @Test
    void concurrentSendersAndTakersNeitherLoseNorDuplicate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<OfflineStore.StoredMessage>>> takes = new ArrayList<>();
            List<Future<?>> adds = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int n = w;
                adds.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) store.add(ALICE, OfflineStoreContract.message(n + "-" + i, i), 1000);
                    return null;
                }));
            }
            for (int t = 0; t < 2; t++) takes.add(pool.submit(() -> store.take(ALICE)));
            for (Future<?> f : adds) f.get();
            List<OfflineStore.StoredMessage> all = new ArrayList<>();
            for (Future<List<OfflineStore.StoredMessage>> f : takes) all.addAll(f.get());
            all.addAll(store.take(ALICE));
            assertThat(all).hasSize(40).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }
}
