package dev.meerkat.auth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link UserStore} must do. An implementation's test implements this interface and
 * returns a fresh, empty store from {@link #store()} for each test.
 */
public interface UserStoreContract {

    /** An empty store; called once per test method, which may call it again for the same store. */
    UserStore store();

    String DOMAIN = "example.org";
    String OTHER_DOMAIN = "example.net";

    /** Credentials for the given hashes; distinct seeds give distinct byte arrays. */
    static StoredCredentials credentials(int seed, ScramHash... hashes) {
        Random random = new Random(seed);
        Map<ScramHash, ScramCredentials> byHash = new EnumMap<>(ScramHash.class);
        for (ScramHash hash : hashes) {
            byte[] salt = new byte[16];
            byte[] storedKey = new byte[hash.length()];
            byte[] serverKey = new byte[hash.length()];
            random.nextBytes(salt);
            random.nextBytes(storedKey);
            random.nextBytes(serverKey);
            salt[0] = 0; // a zero byte must survive storage
            byHash.put(hash, new ScramCredentials(hash, salt, 4096 + seed, storedKey, serverKey));
        }
        return new StoredCredentials(byHash);
    }

    static StoredCredentials allHashes(int seed) {
        return credentials(seed, ScramHash.values());
    }

    @Test
    default void createMakesTheAccountExist() {
        UserStore store = store();
        assertThat(store.exists("alice", DOMAIN)).isFalse();

        assertThat(store.create("alice", DOMAIN, allHashes(1))).isTrue();

        assertThat(store.exists("alice", DOMAIN)).isTrue();
        assertThat(store.count(DOMAIN)).isEqualTo(1);
    }

    @Test
    default void duplicateCreateIsRefusedAndKeepsTheFirstCredentials() {
        UserStore store = store();
        store.create("alice", DOMAIN, allHashes(1));

        assertThat(store.create("alice", DOMAIN, allHashes(2))).isFalse();

        assertThat(store.credentials("alice", DOMAIN)).contains(allHashes(1));
        assertThat(store.count(DOMAIN)).isEqualTo(1);
    }

    @Test
    default void credentialsRoundTripForEveryHash() {
        UserStore store = store();
        StoredCredentials all = allHashes(3);
        store.create("alice", DOMAIN, all);

        StoredCredentials read = store.credentials("alice", DOMAIN).orElseThrow();

        for (ScramHash hash : ScramHash.values()) {
            ScramCredentials expected = all.forHash(hash).orElseThrow();
            ScramCredentials actual = read.forHash(hash).orElseThrow();
            assertThat(actual.hash()).isEqualTo(hash);
            assertThat(actual.salt()).isEqualTo(expected.salt());
            assertThat(actual.iterations()).isEqualTo(expected.iterations());
            assertThat(actual.storedKey()).isEqualTo(expected.storedKey());
            assertThat(actual.serverKey()).isEqualTo(expected.serverKey());
        }
    }

    @Test
    default void eachHashRoundTripsOnItsOwn() {
        UserStore store = store();
        for (ScramHash hash : ScramHash.values()) {
            String user = "only-" + hash.name().toLowerCase();
            StoredCredentials one = credentials(hash.ordinal() + 10, hash);
            store.create(user, DOMAIN, one);

            StoredCredentials read = store.credentials(user, DOMAIN).orElseThrow();

            assertThat(read).isEqualTo(one);
            assertThat(read.byHash()).containsOnlyKeys(hash);
        }
    }

    @Test
    default void unknownAccountHasNoCredentials() {
        UserStore store = store();
        store.create("alice", DOMAIN, allHashes(1));

        assertThat(store.credentials("bob", DOMAIN)).isEmpty();
        assertThat(store.credentials("alice", OTHER_DOMAIN)).isEmpty();
    }

    @Test
    default void setCredentialsReplacesThemAll() {
        UserStore store = store();
        store.create("alice", DOMAIN, allHashes(1));
        StoredCredentials onlySha256 = credentials(5, ScramHash.SHA256);

        assertThat(store.setCredentials("alice", DOMAIN, onlySha256)).isTrue();

        assertThat(store.credentials("alice", DOMAIN)).contains(onlySha256);
        assertThat(store.setCredentials("alice", DOMAIN, onlySha256)).as("unchanged value, account still there").isTrue();
    }

    @Test
    default void setCredentialsOfUnknownAccountDoesNotCreateIt() {
        UserStore store = store();

        assertThat(store.setCredentials("ghost", DOMAIN, allHashes(1))).isFalse();

        assertThat(store.exists("ghost", DOMAIN)).isFalse();
        assertThat(store.credentials("ghost", DOMAIN)).isEmpty();
    }

    @Test
    default void removeDeletesOnlyThatAccount() {
        UserStore store = store();
        store.create("alice", DOMAIN, allHashes(1));
        store.create("bob", DOMAIN, allHashes(2));

        assertThat(store.remove("alice", DOMAIN)).isTrue();

        assertThat(store.exists("alice", DOMAIN)).isFalse();
        assertThat(store.credentials("alice", DOMAIN)).isEmpty();
        assertThat(store.exists("bob", DOMAIN)).isTrue();
        assertThat(store.remove("alice", DOMAIN)).as("second remove").isFalse();
        assertThat(store.count(DOMAIN)).isEqualTo(1);
    }

    @Test
    default void removedAccountCanBeCreatedAgain() {
        UserStore store = store();
        store.create("alice", DOMAIN, allHashes(1));
        store.remove("alice", DOMAIN);

        assertThat(store.create("alice", DOMAIN, allHashes(2))).isTrue();

        assertThat(store.credentials("alice", DOMAIN)).contains(allHashes(2));
    }

    @Test
    default void countIsPerDomain() {
        UserStore store = store();
        assertThat(store.count(DOMAIN)).isZero();
        store.create("a", DOMAIN, allHashes(1));
        store.create("b", DOMAIN, allHashes(2));
        store.create("c", DOMAIN, allHashes(3));
        store.create("a", OTHER_DOMAIN, allHashes(4));

        assertThat(store.count(DOMAIN)).isEqualTo(3);
        assertThat(store.count(OTHER_DOMAIN)).isEqualTo(1);
        assertThat(store.count("empty.example")).isZero();
    }

    @Test
    default void listPagesInAlphabeticalOrder() {
        UserStore store = store();
        List<String> names = List.of("mallory", "alice", "trent", "bob", "carol", "dave", "eve");
        for (int i = 0; i < names.size(); i++) {
            store.create(names.get(i), DOMAIN, allHashes(i));
        }
        store.create("aaron", OTHER_DOMAIN, allHashes(99));

        assertThat(store.list(DOMAIN, 0, 3)).containsExactly("alice", "bob", "carol");
        assertThat(store.list(DOMAIN, 3, 3)).containsExactly("dave", "eve", "mallory");
        assertThat(store.list(DOMAIN, 6, 3)).containsExactly("trent");
        assertThat(store.list(DOMAIN, 7, 3)).isEmpty();
        assertThat(store.list(DOMAIN, 0, 100))
                .containsExactly("alice", "bob", "carol", "dave", "eve", "mallory", "trent");
    }

    @Test
    default void pagingVisitsEveryAccountOnce() {
        UserStore store = store();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String name = String.format("user%02d", i);
            expected.add(name);
            store.create(name, DOMAIN, allHashes(i));
        }

        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 4) {
            seen.addAll(store.list(DOMAIN, offset, 4));
        }

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    default void domainsAreKeptApart() {
        UserStore store = store();
        assertThat(store.create("alice", DOMAIN, allHashes(1))).isTrue();
        assertThat(store.create("alice", OTHER_DOMAIN, allHashes(2))).as("same name, other domain").isTrue();

        assertThat(store.credentials("alice", DOMAIN)).contains(allHashes(1));
        assertThat(store.credentials("alice", OTHER_DOMAIN)).contains(allHashes(2));

        store.setCredentials("alice", OTHER_DOMAIN, allHashes(3));
        assertThat(store.credentials("alice", DOMAIN)).contains(allHashes(1));

        store.remove("alice", DOMAIN);
        assertThat(store.exists("alice", OTHER_DOMAIN)).isTrue();
        assertThat(store.list(OTHER_DOMAIN, 0, 10)).containsExactly("alice");
        assertThat(store.list(DOMAIN, 0, 10)).isEmpty();
    }

    @Test
    default void nonAsciiUserNamesAreStoredExactly() {
        UserStore store = store();
        List<String> names = List.of("jürgen", "jurgen", "straße", "strasse", "日本語", "ñandú", "🦦otter", "δοκιμή");
        for (int i = 0; i < names.size(); i++) {
            assertThat(store.create(names.get(i), DOMAIN, allHashes(i))).as(names.get(i)).isTrue();
        }

        for (int i = 0; i < names.size(); i++) {
            assertThat(store.exists(names.get(i), DOMAIN)).as(names.get(i)).isTrue();
            assertThat(store.credentials(names.get(i), DOMAIN)).as(names.get(i)).contains(allHashes(i));
        }
        assertThat(store.count(DOMAIN)).isEqualTo(names.size());
        assertThat(store.list(DOMAIN, 0, 100)).containsExactlyInAnyOrderElementsOf(names);
        assertThat(store.exists("JÜRGEN", DOMAIN)).as("names are matched exactly, not case-folded").isFalse();
    }
}
