package dev.meerkat.auth.http;

import dev.meerkat.auth.Scram;
import dev.meerkat.auth.ScramHash;
import dev.meerkat.config.AuthMethodsConfig;
import dev.meerkat.jid.Jid;
import dev.meerkat.sasl.AuthBackendException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link HttpAuthMethod} against {@link FakeAuthService}: each operation and how statuses are read. */
class HttpAuthMethodTest {
    private static final Jid ALICE = Jid.parse("alice@example.com");
    private static final Jid ODD = Jid.parse("o+d=d%1@example.com");

    private FakeAuthService service;
    private HttpAuthMethod method;

    @BeforeEach
    void start() throws Exception {
        service = new FakeAuthService();
        service.accounts.put("alice@example.com", "pä ss&=+");
        method = method(FakeAuthService.BASIC_USER + ":" + FakeAuthService.BASIC_PASSWORD, true);
    }

    private HttpAuthMethod method(String basic, boolean scram) {
        return new HttpAuthMethod(new AuthMethodsConfig.Http(URI.create(service.url()), basic, Duration.ofSeconds(5), 2, scram),
                4096, new SecureRandom());
    }

    @AfterEach
    void stop() {
        method.close();
        service.close();
    }

    @Test
    void passwordsAndExistenceComeFromTheService() {
        assertThat(method.checkPassword(ALICE, "pä ss&=+")).isTrue();
        assertThat(method.checkPassword(ALICE, "pä ss")).isFalse();
        assertThat(method.checkPassword(Jid.parse("nobody@example.com"), "x")).isFalse();  // 404
        assertThat(method.userExists(ALICE)).isTrue();
        assertThat(method.userExists(Jid.parse("nobody@example.com"))).isFalse();
        assertThat(method.password(ALICE)).contains("pä ss&=+");
        assertThat(method.password(Jid.parse("nobody@example.com"))).isEmpty();
        assertThat(service.requests).contains("GET /check_password alice@example.com", "GET /user_exists alice@example.com");
    }

    @Test
    void changesArePosted() {
        assertThat(method.register(ODD, "one")).isTrue();
        assertThat(method.register(ODD, "two")).isFalse();  // 409
        assertThat(service.accounts).containsEntry("o+d=d%1@example.com", "one");
        assertThat(method.setPassword(ODD, "three")).isTrue();
        assertThat(method.checkPassword(ODD, "three")).isTrue();
        assertThat(method.setPassword(Jid.parse("nobody@example.com"), "x")).isFalse();  // 404
        assertThat(method.removeUser(ODD)).isTrue();
        assertThat(method.removeUser(ODD)).isFalse();
        assertThat(service.accounts).doesNotContainKey("o+d=d%1@example.com");
        assertThat(service.requests).contains("POST /register o+d=d%1@example.com", "POST /set_password o+d=d%1@example.com",
                "POST /remove_user o+d=d%1@example.com");
    }

    @Test
    void scramCredentialsAreDerivedFromTheFetchedPassword() {
        var creds = method.credentials(ALICE).orElseThrow().forHash(ScramHash.SHA256).orElseThrow();
        assertThat(creds.storedKey()).isEqualTo(Scram.derive("pä ss&=+", ScramHash.SHA256, creds.salt(), creds.iterations()).storedKey());
        assertThat(method.credentials(Jid.parse("nobody@example.com"))).isEmpty();
        service.accounts.put("bob@example.com", "==MULTI_SCRAM==,sha256=...");
        assertThat(method.credentials(Jid.parse("bob@example.com"))).isEmpty();
        try (HttpAuthMethod plainOnly = method(FakeAuthService.BASIC_USER + ":" + FakeAuthService.BASIC_PASSWORD, false)) {
            assertThat(plainOnly.hasScramCredentials()).isFalse();
            assertThat(plainOnly.credentials(ALICE)).isEmpty();
        }
    }

    @Test
    void serverErrorsAreBackendFailuresNotNo() {
        service.failWith(500);
        assertThatThrownBy(() -> method.checkPassword(ALICE, "pä ss&=+")).isInstanceOf(AuthBackendException.class)
                .hasMessageContaining("500").hasMessageNotContaining("pä");
        assertThatThrownBy(() -> method.userExists(ALICE)).isInstanceOf(AuthBackendException.class);
        assertThatThrownBy(() -> method.removeUser(ALICE)).isInstanceOf(AuthBackendException.class);
        service.failWith(200);  // 200 without true/false
        assertThatThrownBy(() -> method.checkPassword(ALICE, "x")).isInstanceOf(AuthBackendException.class);
    }

    @Test
    void wrongBasicCredentialsAndAnUnreachableServiceAreBackendFailures() {
        try (HttpAuthMethod wrong = method("meerkat:nope", false)) {
            assertThatThrownBy(() -> wrong.checkPassword(ALICE, "pä ss&=+")).isInstanceOf(AuthBackendException.class)
                    .hasMessageContaining("401");
        }
        service.close();
        assertThatThrownBy(() -> method.checkPassword(ALICE, "pä ss&=+")).isInstanceOf(AuthBackendException.class);
    }
}
