package dev.meerkat.e2e;

import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The jwt method: the password is an HS256 token whose "sub" names the user. */
class JwtAuthTest {
    private static final String SECRET = "test-secret-of-some-length";
    private static ServerFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new ServerFixture(ServerFixture.Settings.defaults().auth("""
                methods = ["jwt"]
                [auth.jwt]
                  secret.value = "%s"
                """.formatted(SECRET)));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    static String token(String header, String claims, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    @Test
    void aSignedTokenForTheUserLogsIn() throws Exception {
        long exp = Instant.now().getEpochSecond() + 600;
        var c = fx.login("alice", token(HS256, "{\"sub\":\"alice\",\"exp\":" + exp + "}", SECRET), "x");
        assertThat(c.getUsedSaslMechansism()).isEqualTo("PLAIN");
        assertThat(c.getUser().asBareJid().toString()).isEqualTo("alice@localhost");
    }

    @Test
    void badTokensAreRefused() throws Exception {
        long past = Instant.now().getEpochSecond() - 10;
        for (String bad : new String[] {
                token(HS256, "{\"sub\":\"alice\"}", "another-secret"),
                token(HS256, "{\"sub\":\"bob\"}", SECRET),
                token(HS256, "{\"sub\":\"alice\",\"exp\":" + past + "}", SECRET),
                token("{\"alg\":\"none\"}", "{\"sub\":\"alice\"}", SECRET),
                "not-a-token"}) {
            assertThatThrownBy(() -> fx.login("alice", bad, "x"))
                    .isInstanceOf(SASLErrorException.class)
                    .satisfies(e -> assertThat(((SASLErrorException) e).getSASLFailure().getSASLError())
                            .isEqualTo(SASLError.not_authorized));
        }
    }
}
