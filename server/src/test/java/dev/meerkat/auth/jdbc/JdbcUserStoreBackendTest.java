package dev.meerkat.auth.jdbc;

import dev.meerkat.auth.ScramCredentials;
import dev.meerkat.auth.ScramHash;
import dev.meerkat.auth.StoredCredentials;
import dev.meerkat.auth.UserStore;
import dev.meerkat.auth.UserStoreContract;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.Jdbc;
import dev.meerkat.storage.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JdbcUserStore} on one backend: the contract plus what only the JDBC store does. Each
 * backend is a subclass naming its {@link TestDatabase}.
 */
abstract class JdbcUserStoreBackendTest implements UserStoreContract {
    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07.890Z");

    @RegisterExtension
    final TestDatabase db;

    private Database database;
    private JdbcUserStore store;

    JdbcUserStoreBackendTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() {
        database = db.database();
        store = new JdbcUserStore(database, Clock.fixed(NOW, ZoneOffset.ofHours(3)));
    }

    @Override
    public UserStore store() {
        return store;
    }

    @Test
    void createdAtIsTheClockInUtcToTheSecond() {
        store.create("alice", DOMAIN, UserStoreContract.allHashes(1));

        LocalDateTime createdAt = database.jdbc().queryOne("test", "SELECT created_at FROM users WHERE username = ?",
                Jdbc.Binder.of("alice"), row -> row.getObject(1, LocalDateTime.class)).orElseThrow();

        assertThat(createdAt).isEqualTo(LocalDateTime.of(2025, 3, 4, 5, 6, 7));
    }

    @Test
    void saltsAndKeysAreStoredAsBase64Text() {
        StoredCredentials creds = UserStoreContract.credentials(7, ScramHash.SHA256);
        store.create("alice", DOMAIN, creds);

        String storedKey = database.jdbc().queryOne("test", "SELECT sha256_stored_key FROM users WHERE username = ?",
                Jdbc.Binder.of("alice"), row -> row.getString(1)).orElseThrow();
        String sha1Salt = database.jdbc().queryOne("test", "SELECT sha1_salt FROM users WHERE username = ?",
                Jdbc.Binder.of("alice"), row -> String.valueOf(row.getString(1))).orElseThrow();

        assertThat(Base64.getDecoder().decode(storedKey))
                .isEqualTo(creds.forHash(ScramHash.SHA256).orElseThrow().storedKey());
        assertThat(sha1Salt).isEqualTo("null");
    }

    @Test
    void namesLongerThanTheColumnsAreRejectedBeforeTheDatabase() {
        String longest = "ü".repeat(JdbcUserStore.MAX_NAME_LENGTH);

        assertThat(store.create(longest, DOMAIN, UserStoreContract.allHashes(1))).isTrue();
        assertThat(store.exists(longest, DOMAIN)).isTrue();
        assertThatThrownBy(() -> store.create(longest + "x", DOMAIN, UserStoreContract.allHashes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create("alice", "d".repeat(251), UserStoreContract.allHashes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.exists(longest + "x", DOMAIN)).isFalse();
    }

    @Test
    void oversizedSaltIsRejected() {
        ScramCredentials ok = new ScramCredentials(ScramHash.SHA1, new byte[189], 4096, new byte[20], new byte[20]);
        ScramCredentials tooLong = new ScramCredentials(ScramHash.SHA1, new byte[190], 4096, new byte[20], new byte[20]);

        assertThat(store.create("ok", DOMAIN, new StoredCredentials(Map.of(ScramHash.SHA1, ok)))).isTrue();
        assertThatThrownBy(() -> store.setCredentials("ok", DOMAIN,
                new StoredCredentials(Map.of(ScramHash.SHA1, tooLong))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.credentials("ok", DOMAIN).orElseThrow().forHash(ScramHash.SHA1)).contains(ok);
    }

    @Test
    void listRejectsNegativeArgumentsAndAnswersZeroLimitWithNothing() {
        store.create("alice", DOMAIN, UserStoreContract.allHashes(1));

        assertThat(store.list(DOMAIN, 0, 0)).isEmpty();
        assertThatThrownBy(() -> store.list(DOMAIN, -1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(DOMAIN, 0, -5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accountsSurviveReopeningTheDatabase() {
        store.create("alice", DOMAIN, UserStoreContract.allHashes(1));
        database = db.reopen();
        store = new JdbcUserStore(database);

        assertThat(store.credentials("alice", DOMAIN)).contains(UserStoreContract.allHashes(1));
    }

    @Test
    void concurrentCreatesOfTheSameAccountSucceedOnce() throws Exception {
        int threads = 4;
        int names = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int created = 0;
                    for (int n = 0; n < names; n++) {
                        if (store.create("racer" + n, DOMAIN, UserStoreContract.allHashes(seed))) {
                            created++;
                        }
                    }
                    return created;
                }));
            }
            start.countDown();
            int total = 0;
            for (var r : results) {
                total += r.get();
            }

            assertThat(total).isEqualTo(names);
            assertThat(store.count(DOMAIN)).isEqualTo(names);
        } finally {
            pool.shutdownNow();
        }
    }
}
