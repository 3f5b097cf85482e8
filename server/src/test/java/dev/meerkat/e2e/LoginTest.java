package dev.meerkat.e2e;

import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Logging in with Smack: every SASL mechanism over STARTTLS and direct TLS, failures, conflicts. */
class LoginTest {
    private static ServerFixture fx;

    @BeforeAll
    static void start() throws Exception {
        ExtraScramMechanisms.register();
        fx = new ServerFixture();
        fx.createUser("alice", "wonderland");
        fx.createUser("ünïcødé", "pässwörd ☃");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-1", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-256-PLUS",
            "SCRAM-SHA-512", "SCRAM-SHA-512-PLUS", "PLAIN"})
    void logsInOverStarttlsWith(String mechanism) throws Exception {
        XMPPTCPConnection c = fx.login("alice", "wonderland", "starttls-" + mechanism, b -> b.addEnabledSaslMechanism(mechanism));
        assertThat(c.isAuthenticated()).isTrue();
        assertThat(c.isSecureConnection()).isTrue();
        assertThat(c.getUsedSaslMechansism()).isEqualTo(mechanism);
        assertThat(c.getUser().toString()).isEqualTo("alice@localhost/starttls-" + mechanism);
        c.disconnect();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-512", "PLAIN"})
    void logsInOverDirectTlsWith(String mechanism) throws Exception {
        XMPPTCPConnection c = fx.track(new XMPPTCPConnection(fx.directTls()
                .setUsernameAndPassword("alice", "wonderland").setResource("direct").addEnabledSaslMechanism(mechanism).build()));
        c.connect().login();
        assertThat(c.isAuthenticated()).isTrue();
        assertThat(c.getUsedSaslMechansism()).isEqualTo(mechanism);
        assertThat(c.getUser().toString()).isEqualTo("alice@localhost/direct");
        c.disconnect();
    }

    @Test
    void nonAsciiUserAndPasswordLogIn() throws Exception {
        XMPPTCPConnection c = fx.login("ünïcødé", "pässwörd ☃", "x", b -> b.addEnabledSaslMechanism("SCRAM-SHA-256"));
        assertThat(c.getUser().asBareJid().toString()).isEqualTo("ünïcødé@localhost");
        c.disconnect();
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> fx.login("alice", "wrong", "x", b -> b.addEnabledSaslMechanism("SCRAM-SHA-256")))
                .isInstanceOf(SASLErrorException.class)
                .satisfies(e -> assertThat(((SASLErrorException) e).getSASLFailure().getSASLError()).isEqualTo(SASLError.not_authorized));
    }

    @Test
    void unknownUserIsRefusedLikeAWrongPassword() {
        assertThatThrownBy(() -> fx.login("nobody", "wonderland", "x", b -> b.addEnabledSaslMechanism("SCRAM-SHA-1")))
                .isInstanceOf(SASLErrorException.class)
                .satisfies(e -> assertThat(((SASLErrorException) e).getSASLFailure().getSASLError()).isEqualTo(SASLError.not_authorized));
    }

    @Test
    void sameResourceReplacesTheOldSessionWithConflict() throws Exception {
        XMPPTCPConnection first = fx.login("alice", "wonderland", "phone");
        CompletableFuture<Exception> closed = new CompletableFuture<>();
        first.addConnectionListener(new ConnectionListener() {
            @Override public void connectionClosedOnError(Exception e) { closed.complete(e); }
        });
        XMPPTCPConnection second = fx.login("alice", "wonderland", "phone");
        Exception e = closed.get(5, TimeUnit.SECONDS);
        assertThat(e).isInstanceOf(XMPPException.StreamErrorException.class);
        assertThat(((XMPPException.StreamErrorException) e).getStreamError().getCondition()).isEqualTo(StreamError.Condition.conflict);
        assertThat(second.isAuthenticated()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !first.isConnected());
        second.disconnect();
    }

    @Test
    void plainIsNotOfferedBeforeTls() throws Exception {
        XMPPTCPConnection c = fx.track(new XMPPTCPConnection(fx.starttls()
                .setSecurityMode(org.jivesoftware.smack.ConnectionConfiguration.SecurityMode.disabled)
                .setUsernameAndPassword("alice", "wonderland").addEnabledSaslMechanism("PLAIN").build()));
        c.connect();
        assertThatThrownBy(c::login).isInstanceOf(org.jivesoftware.smack.SmackException.SmackSaslException.class);
        assertThat(SASLAuthentication.getRegisterdSASLMechanisms()).isNotEmpty();
        c.disconnect();
    }
}
