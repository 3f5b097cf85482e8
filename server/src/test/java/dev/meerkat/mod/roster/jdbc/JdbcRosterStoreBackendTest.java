package dev.meerkat.mod.roster.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.mod.roster.RosterStoreContract;
import dev.meerkat.storage.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link JdbcRosterStore} on one backend; each backend is a subclass naming its {@link TestDatabase}. */
abstract class JdbcRosterStoreBackendTest implements RosterStoreContract {
    @RegisterExtension
    final TestDatabase db;

    private JdbcRosterStore store;

    JdbcRosterStoreBackendTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() {
        store = new JdbcRosterStore(db.database());
    }

    @Override
    public RosterStore store() {
        return store;
    }

    @Test
    void theRosterSurvivesReopeningTheDatabase() {
        store.update(ALICE, BOB, cur -> Optional.of(RosterStoreContract.full()));
        store = new JdbcRosterStore(db.reopen());

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
