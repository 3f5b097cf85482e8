package dev.meerkat.mod.roster.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.mod.roster.RosterStoreContract;
import dev.meerkat.storage.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcRosterStoreH2Test implements RosterStoreContract {
    @TempDir
    Path dataDir;

    private Database database;
    private JdbcRosterStore store;

    @BeforeEach
    void open() {
        database = new Database(null, dataDir);
        store = new JdbcRosterStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Override
    public RosterStore store() {
        return store;
    }

    @Test
    void theRosterSurvivesReopeningTheDatabase() {
        store.update(ALICE, BOB, cur -> Optional.of(RosterStoreContract.full()));
        database.close();
        database = new Database(null, dataDir);
        store = new JdbcRosterStore(database);

        assertThat(store.item(ALICE, BOB)).contains(RosterStoreContract.full());
        assertThat(store.version(ALICE)).isEqualTo(1);
    }

    @Test
    void concurrentChangesOfOneRosterAreNotLost() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int n = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        String group = "g" + n + "-" + i;
                        store.update(ALICE, BOB, cur -> {
                            RosterItem item = cur.orElse(RosterItem.of(BOB));
                            List<String> groups = new ArrayList<>(item.groups());
                            groups.add(group);
                            return Optional.of(item.withUserData(null, groups));
                        });
                        Jid other = Jid.of("c" + n + "x" + i, "example.org", null);
                        store.update(ALICE, other, cur -> Optional.of(RosterItem.of(other)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.item(ALICE, BOB).get().groups()).hasSize(writers * 5);
        assertThat(store.items(ALICE)).hasSize(writers * 5 + 1);
        assertThat(store.version(ALICE)).isEqualTo(writers * 10);
    }
}
