package dev.meerkat.auth;

import dev.meerkat.jid.Jid;
import dev.meerkat.sasl.AuthBackendException;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthServiceTest {
    private static final Jid JULIET = Jid.parse("juliet@example.com");
    private final InMemoryUserStore store = new InMemoryUserStore();
    private final AuthService auth = new AuthService(store, 4096, new SecureRandom());

    @Test
    void registerAndCheck() {
        assertThat(auth.register(JULIET, "r0m30")).isTrue();
        assertThat(auth.register(JULIET, "other")).isFalse();
        assertThat(auth.userExists(JULIET)).isTrue();
        assertThat(auth.checkPassword(JULIET, "r0m30")).isTrue();
        assertThat(auth.checkPassword(JULIET, "R0m30")).isFalse();
        assertThat(auth.checkPassword(JULIET, "")).isFalse();
        assertThat(auth.checkPassword(Jid.parse("romeo@example.com"), "r0m30")).isFalse();
        // one SCRAM entry per hash, with the configured iteration count; no password kept
        StoredCredentials stored = store.credentials("juliet", "example.com").orElseThrow();
        assertThat(stored.byHash()).containsOnlyKeys(ScramHash.values());
        assertThat(stored.forHash(ScramHash.SHA512).orElseThrow().iterations()).isEqualTo(4096);
    }

    @Test
    void registerRefusesEmptyPasswordAndNonAccountJids() {
        assertThatThrownBy(() -> auth.register(JULIET, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> auth.register(JULIET, "bad\u0000pw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> auth.register(Jid.parse("example.com"), "pw"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> auth.register(Jid.parse("juliet@example.com/res"), "pw"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(auth.userExists(JULIET)).isFalse();
    }

    @Test
    void setPassword() {
        assertThat(auth.setPassword(JULIET, "new")).isFalse();
        auth.register(JULIET, "old");
        assertThat(auth.setPassword(JULIET, "new")).isTrue();
        assertThat(auth.checkPassword(JULIET, "old")).isFalse();
        assertThat(auth.checkPassword(JULIET, "new")).isTrue();
        assertThatThrownBy(() -> auth.setPassword(JULIET, "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(auth.checkPassword(JULIET, "new")).isTrue();
    }

    @Test
    void removeUser() {
        auth.register(JULIET, "pw");
        assertThat(auth.removeUser(JULIET)).isTrue();
        assertThat(auth.removeUser(JULIET)).isFalse();
        assertThat(auth.userExists(JULIET)).isFalse();
        assertThat(auth.checkPassword(JULIET, "pw")).isFalse();
    }

    @Test
    void countAndList() {
        for (String u : List.of("romeo", "juliet", "nurse")) auth.register(Jid.parse(u + "@example.com"), "pw");
        auth.register(Jid.parse("mercutio@verona.lit"), "pw");
        assertThat(auth.countUsers("example.com")).isEqualTo(3);
        assertThat(auth.countUsers("EXAMPLE.com")).isEqualTo(3);
        assertThat(auth.countUsers("nowhere.lit")).isZero();
        assertThat(auth.listUsers("example.com", 0, 10)).containsExactly("juliet", "nurse", "romeo");
        assertThat(auth.listUsers("example.com", 1, 1)).containsExactly("nurse");
        assertThat(auth.listUsers("verona.lit", 0, 10)).containsExactly("mercutio");
    }

    @Test
    void romanNumeralNineIsNotIX() {
        // RFC 8265 OpaqueString uses NFC; only SASLprep's NFKC (RFC 4013) mapped U+2168 to "IX".
        auth.register(JULIET, "\u2168");
        assertThat(auth.checkPassword(JULIET, "\u2168")).isTrue();
        assertThat(auth.checkPassword(JULIET, "IX")).isFalse();
    }

    @Test
    void passwordsAreComparedAfterOpaqueStringPreparation() {
        auth.register(JULIET, "cafe\u0301 cr\u00e8me");
        assertThat(auth.checkPassword(JULIET, "caf\u00e9\u00a0cre\u0300me")).isTrue();
        assertThat(auth.checkPassword(JULIET, "cafe creme")).isFalse();
    }

    @Test
    void credentialSourceNormalisesUserNames() {
        auth.register(JULIET, "pw");
        assertThat(auth.scram("Juliet", "Example.com", ScramHash.SHA256)).isPresent();
        assertThat(auth.scram("JULIET", "example.com", ScramHash.SHA1))
                .isEqualTo(store.credentials("juliet", "example.com").orElseThrow().forHash(ScramHash.SHA1));
        assertThat(auth.scram("romeo", "example.com", ScramHash.SHA256)).isEmpty();
        assertThat(auth.scram("juliet@example.com", "example.com", ScramHash.SHA256)).isEmpty();
        assertThat(auth.scram("juliet/x", "example.com", ScramHash.SHA256)).isEmpty();
        assertThat(auth.scram("", "example.com", ScramHash.SHA256)).isEmpty();
        assertThat(auth.checkPassword("JULIET", "example.com", "pw")).isTrue();
        assertThat(auth.checkPassword("juliet", "example.com", "PW")).isFalse();
        assertThat(auth.checkPassword("ju<liet", "example.com", "pw")).isFalse();
    }

    @Test
    void storeFailuresBecomeBackendExceptions() {
        AuthService failing = new AuthService(new FailingStore(), 4096, new SecureRandom());
        assertThatThrownBy(() -> failing.scram("juliet", "example.com", ScramHash.SHA256))
                .isInstanceOf(AuthBackendException.class).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> failing.checkPassword("juliet", "example.com", "pw"))
                .isInstanceOf(AuthBackendException.class);
        assertThatThrownBy(() -> failing.register(JULIET, "pw")).isInstanceOf(AuthBackendException.class);
        assertThatThrownBy(() -> failing.countUsers("example.com")).isInstanceOf(AuthBackendException.class);
    }

    private static final class FailingStore implements UserStore {
        private static RuntimeException down() { return new IllegalStateException("database down"); }

        @Override public boolean create(String u, String d, StoredCredentials c) { throw down(); }

        @Override public Optional<StoredCredentials> credentials(String u, String d) { throw down(); }

        @Override public boolean setCredentials(String u, String d, StoredCredentials c) { throw down(); }

        @Override public boolean remove(String u, String d) { throw down(); }

        @Override public boolean exists(String u, String d) { throw down(); }

        @Override public long count(String d) { throw down(); }

        @Override public java.util.List<String> list(String d, int o, int l) { throw down(); }
    }
}
