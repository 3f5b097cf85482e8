package dev.meerkat.auth;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryUserStoreTest {
    private final InMemoryUserStore store = new InMemoryUserStore();
    private final StoredCredentials a = new StoredCredentials(Map.of(ScramHash.SHA1,
            Scram.derive("a", ScramHash.SHA1, new byte[16], 1)));
    private final StoredCredentials b = new StoredCredentials(Map.of(ScramHash.SHA1,
            Scram.derive("b", ScramHash.SHA1, new byte[16], 1)));

    @Test
    void createReadReplaceRemove() {
        assertThat(store.create("u", "d", a)).isTrue();
        assertThat(store.create("u", "d", b)).isFalse();
        assertThat(store.credentials("u", "d")).contains(a);
        assertThat(store.credentials("u", "other")).isEmpty();
        assertThat(store.setCredentials("u", "d", b)).isTrue();
        assertThat(store.credentials("u", "d")).contains(b);
        assertThat(store.setCredentials("x", "d", b)).isFalse();
        assertThat(store.exists("x", "d")).isFalse();
        assertThat(store.remove("u", "d")).isTrue();
        assertThat(store.remove("u", "d")).isFalse();
        assertThat(store.exists("u", "d")).isFalse();
    }

    @Test
    void countsAndListsPerDomainInOrder() {
        for (String u : new String[] {"carol", "alice", "bob", "dave"}) store.create(u, "d", a);
        store.create("zed", "other", a);
        assertThat(store.count("d")).isEqualTo(4);
        assertThat(store.count("none")).isZero();
        assertThat(store.list("d", 0, 10)).containsExactly("alice", "bob", "carol", "dave");
        assertThat(store.list("d", 1, 2)).containsExactly("bob", "carol");
        assertThat(store.list("d", 4, 2)).isEmpty();
        assertThat(store.list("none", 0, 2)).isEmpty();
    }
}
