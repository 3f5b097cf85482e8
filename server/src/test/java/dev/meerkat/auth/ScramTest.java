package dev.meerkat.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScramTest {
    private static byte[] pbkdf2(ScramHash hash, String password, byte[] salt, int iterations) throws Exception {
        return SecretKeyFactory.getInstance("PBKDF2With" + hash.hmacAlgorithm())
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, hash.length() * 8))
                .getEncoded();
    }

    @Test
    void hiMatchesRfc6070Pbkdf2Vector() {
        // RFC 6070 test case 2: P = "password", S = "salt", c = 2, dkLen = 20
        byte[] dk = Scram.hi(ScramHash.SHA1, "password".getBytes(StandardCharsets.US_ASCII),
                "salt".getBytes(StandardCharsets.US_ASCII), 2);
        assertThat(HexFormat.of().formatHex(dk)).isEqualTo("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
    }

    @ParameterizedTest
    @EnumSource(ScramHash.class)
    void saltedPasswordMatchesJcaPbkdf2(ScramHash hash) throws Exception {
        byte[] salt = "NaCl-and-pepper!".getBytes(StandardCharsets.US_ASCII);
        assertThat(Scram.saltedPassword(hash, "pencil", salt, 1000)).isEqualTo(pbkdf2(hash, "pencil", salt, 1000));
    }

    @Test
    void nonAsciiPasswordIsHashedAsUtf8OfNfc() {
        byte[] salt = new byte[16];
        byte[] nfcUtf8 = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
        assertThat(Scram.saltedPassword(ScramHash.SHA256, "cafe\u0301", salt, 10))
                .isEqualTo(Scram.hi(ScramHash.SHA256, nfcUtf8, salt, 10));
    }

    @Test
    void normalizeFollowsOpaqueString() {
        // RFC 8265 §4.2: NFC (not NFKC as SASLprep did) and non-ASCII spaces become U+0020.
        assertThat(Scram.normalize("\u2168")).isEqualTo("\u2168");
        assertThat(Scram.normalize("cafe\u0301")).isEqualTo("caf\u00e9");
        assertThat(Scram.normalize("a\u00a0b")).isEqualTo("a b");
        assertThat(Scram.normalize("\uff21")).isEqualTo("\uff21"); // no width mapping either
        assertThatThrownBy(() -> Scram.normalize("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scram.normalize("a\u0000b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deriveGivesTheRfcKeys() {
        ScramCredentials c = Scram.derive("pencil", ScramHash.SHA1, new byte[] {1, 2, 3}, 3);
        byte[] salted = Scram.hi(ScramHash.SHA1, "pencil".getBytes(StandardCharsets.US_ASCII), new byte[] {1, 2, 3}, 3);
        assertThat(c.storedKey()).isEqualTo(Scram.digest(ScramHash.SHA1,
                Scram.hmac(ScramHash.SHA1, salted, "Client Key".getBytes(StandardCharsets.US_ASCII))));
        assertThat(c.serverKey()).isEqualTo(Scram.hmac(ScramHash.SHA1, salted,
                "Server Key".getBytes(StandardCharsets.US_ASCII)));
        assertThat(c.iterations()).isEqualTo(3);
        assertThat(c.salt()).containsExactly(1, 2, 3);
    }

    @Test
    void deriveAllHashesWithOwnRandomSalts() {
        StoredCredentials s = Scram.derive("pw", 50, new SecureRandom());
        assertThat(s.byHash()).containsOnlyKeys(ScramHash.values());
        for (ScramHash h : ScramHash.values()) {
            ScramCredentials c = s.forHash(h).orElseThrow();
            assertThat(c.hash()).isEqualTo(h);
            assertThat(c.salt()).hasSize(16);
            assertThat(c.iterations()).isEqualTo(50);
            assertThat(c.storedKey()).hasSize(h.length());
            assertThat(c).isEqualTo(Scram.derive("pw", h, c.salt(), 50));
        }
        assertThat(s.forHash(ScramHash.SHA1).orElseThrow().salt())
                .isNotEqualTo(s.forHash(ScramHash.SHA256).orElseThrow().salt());
        assertThatThrownBy(() -> Scram.derive("", 50, new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
    }
}
