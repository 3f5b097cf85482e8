package dev.meerkat.e2e;

import dev.meerkat.auth.http.FakeAuthService;
import dev.meerkat.jid.Jid;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The http method end to end: Smack logs in to a node whose accounts live behind a small HTTP service. */
class HttpAuthTest {
    private FakeAuthService service;
    private ServerFixture fx;

    @BeforeEach
    void startService() throws Exception {
        service = new FakeAuthService();
        service.accounts.put("alice@localhost", "secret");
    }

    private void start(boolean scram) throws Exception {
        fx = new ServerFixture(ServerFixture.Settings.defaults().auth("""
                methods = ["http"]
                [auth.http]
                  url = "%s"
                  basic_auth = "%s:%s"
                  timeout = 2000
                  pool_size = 4
                  scram = %s
                """.formatted(service.url(), FakeAuthService.BASIC_USER, FakeAuthService.BASIC_PASSWORD, scram)));
    }

    @AfterEach
    void stop() throws Exception {
        if (fx != null) fx.close();
        service.close();
    }

    private static SASLError error(Throwable e) {
        return ((SASLErrorException) e).getSASLFailure().getSASLError();
    }

    @Test
    void theServiceDecidesWithPlain() throws Exception {
        start(false);

        XMPPTCPConnection c = fx.login("alice", "secret", "x");
        assertThat(c.getUsedSaslMechansism()).isEqualTo("PLAIN");
        assertThat(service.requests).contains("GET /check_password alice@localhost");
        assertThatThrownBy(() -> fx.login("alice", "wrong", "y"))
                .isInstanceOf(SASLErrorException.class).satisfies(e -> assertThat(error(e)).isEqualTo(SASLError.not_authorized));
        assertThatThrownBy(() -> fx.login("nobody", "secret", "y"))
                .isInstanceOf(SASLErrorException.class).satisfies(e -> assertThat(error(e)).isEqualTo(SASLError.not_authorized));
        assertThat(fx.server.services().auth().userExists(Jid.parse("alice@localhost"))).isTrue();
        assertThat(fx.server.services().auth().userExists(Jid.parse("nobody@localhost"))).isFalse();
    }

    @Test
    void aChangedPasswordIsTheOneThatWorks() throws Exception {
        start(false);

        assertThat(fx.server.services().auth().setPassword(Jid.parse("alice@localhost"), "newer")).isTrue();
        assertThat(service.accounts).containsEntry("alice@localhost", "newer");
        assertThatThrownBy(() -> fx.login("alice", "secret", "y")).isInstanceOf(SASLErrorException.class);
        assertThat(fx.login("alice", "newer", "x").isAuthenticated()).isTrue();
    }

    @Test
    void aFailingServiceIsATemporaryFailure() throws Exception {
        start(false);

        service.failWith(503);
        assertThatThrownBy(() -> fx.login("alice", "secret", "y"))
                .isInstanceOf(SASLErrorException.class)
                .satisfies(e -> assertThat(error(e)).isEqualTo(SASLError.temporary_auth_failure));
        service.failWith(0);
        assertThat(fx.login("alice", "secret", "x").isAuthenticated()).isTrue();
        service.close();
        assertThatThrownBy(() -> fx.login("alice", "secret", "z"))
                .isInstanceOf(SASLErrorException.class)
                .satisfies(e -> assertThat(error(e)).isEqualTo(SASLError.temporary_auth_failure));
    }

    @Test
    void withScramTheFetchedPasswordServesScram() throws Exception {
        start(true);

        XMPPTCPConnection c = fx.login("alice", "secret", "x");
        assertThat(c.getUsedSaslMechansism()).startsWith("SCRAM-");
        assertThat(service.requests).contains("GET /get_password alice@localhost");
        assertThatThrownBy(() -> fx.login("alice", "wrong", "y"))
                .isInstanceOf(SASLErrorException.class).satisfies(e -> assertThat(error(e)).isEqualTo(SASLError.not_authorized));
    }
}
