package dev.meerkat.sasl;

import dev.meerkat.auth.AuthService;
import dev.meerkat.auth.InMemoryUserStore;
import dev.meerkat.auth.ScramCredentials;
import dev.meerkat.auth.ScramHash;
import dev.meerkat.jid.Jid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PlainMechanismTest {
    private final AuthService auth = new AuthService(new InMemoryUserStore(), 4096, new SecureRandom());
    private final SaslContext ctx = new SaslContext("example.com", auth, ChannelBinding.NONE, false);
    private final PlainMechanism plain = new PlainMechanism();

    @BeforeEach
    void account() {
        auth.register(Jid.parse("juliet@example.com"), "r0m30");
    }

    private SaslStep step(String message) {
        return plain.start(ctx).step(message.getBytes(StandardCharsets.UTF_8));
    }

    private static SaslFailure failureOf(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Failure.class);
        return ((SaslStep.Failure) step).failure();
    }

    @Test
    void describesItself() {
        assertThat(plain.name()).isEqualTo("PLAIN");
        assertThat(plain.sendsPlainPassword()).isTrue();
        assertThat(plain.needsChannelBinding()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\0juliet\0r0m30", "juliet@example.com\0juliet\0r0m30", "Juliet@EXAMPLE.com\0JULIET\0r0m30"})
    void goodCredentials(String message) {
        assertThat(step(message)).isEqualTo(new SaslStep.Success(null, "juliet"));
    }

    @Test
    void wrongPasswordAndUnknownUserAreNotAuthorized() {
        assertThat(failureOf(step("\0juliet\0wrong"))).isEqualTo(SaslFailure.NOT_AUTHORIZED);
        assertThat(failureOf(step("\0romeo\0r0m30"))).isEqualTo(SaslFailure.NOT_AUTHORIZED);
        assertThat(failureOf(step("\0a@b\0r0m30"))).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"romeo@example.com\0juliet\0r0m30", "juliet@example.com/res\0juliet\0r0m30",
            "example.com\0juliet\0r0m30", "@@\0juliet\0r0m30"})
    void foreignAuthzid(String message) {
        assertThat(failureOf(step(message))).isEqualTo(SaslFailure.INVALID_AUTHZID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"juliet", "juliet\0r0m30", "\0juliet\0r0m30\0", "\0\0r0m30", "\0juliet\0", "garbage"})
    void malformed(String message) {
        assertThat(failureOf(step(message))).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] bad = {0, 'j', 0, (byte) 0xFF, 'x'};
        assertThat(failureOf(plain.start(ctx).step(bad))).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void emptyInitialResponseGetsEmptyChallenge() {
        SaslNegotiation n = plain.start(ctx);
        SaslStep first = n.step(new byte[0]);
        assertThat(first).isInstanceOf(SaslStep.Challenge.class);
        assertThat(((SaslStep.Challenge) first).data()).isEmpty();
        assertThat(n.step("\0juliet\0r0m30".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new SaslStep.Success(null, "juliet"));
        assertThat(failureOf(n.step(new byte[0]))).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void passwordIsNormalised() {
        auth.register(Jid.parse("romeo@example.com"), "caf\u00e9");
        assertThat(step("\0romeo\0cafe\u0301")).isEqualTo(new SaslStep.Success(null, "romeo"));
    }

    @Test
    void backendFailureIsTemporary() {
        CredentialSource broken = new CredentialSource() {
            @Override
            public Optional<ScramCredentials> scram(String user, String domain, ScramHash hash) {
                throw new AuthBackendException("down", null);
            }

            @Override
            public boolean checkPassword(String user, String domain, String password) {
                throw new AuthBackendException("down", null);
            }
        };
        SaslStep s = plain.start(new SaslContext("example.com", broken, ChannelBinding.NONE, false))
                .step("\0juliet\0r0m30".getBytes(StandardCharsets.UTF_8));
        assertThat(failureOf(s)).isEqualTo(SaslFailure.TEMPORARY_AUTH_FAILURE);
    }
}
