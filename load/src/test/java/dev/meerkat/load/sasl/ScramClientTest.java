package dev.meerkat.load.sasl;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScramClientTest {
    // RFC 7677 section 3: SCRAM-SHA-256, user "user", password "pencil".
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private final AtomicInteger derivations = new AtomicInteger();
    private final Executor counting = r -> { derivations.incrementAndGet(); r.run(); };

    @Test
    void rfc7677TestVector() {
        ScramClient c = new ScramClient(Mechanism.SCRAM_SHA_256, "user", "pencil", CLIENT_NONCE, new SaltedPasswordCache(counting));
        assertThat(new String(c.clientFirst(), StandardCharsets.UTF_8)).isEqualTo("n,,n=user,r=" + CLIENT_NONCE);
        assertThat(new String(c.clientFinal(bytes(SERVER_FIRST)).join(), StandardCharsets.UTF_8)).isEqualTo(CLIENT_FINAL);
        assertThat(c.verifyServerFinal(bytes(SERVER_FINAL))).isTrue();
    }

    @Test
    void aWrongServerSignatureIsRejected() {
        ScramClient c = new ScramClient(Mechanism.SCRAM_SHA_256, "user", "pencil", CLIENT_NONCE, new SaltedPasswordCache(counting));
        c.clientFinal(bytes(SERVER_FIRST)).join();
        assertThat(c.verifyServerFinal(bytes("v=AAAARBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="))).isFalse();
        assertThat(c.verifyServerFinal(bytes("e=invalid-proof"))).isFalse();
    }

    @Test
    void theSaltedPasswordIsDerivedOncePerSaltAndIterations() {
        SaltedPasswordCache cache = new SaltedPasswordCache(counting);
        for (int i = 0; i < 3; i++) {
            ScramClient c = new ScramClient(Mechanism.SCRAM_SHA_256, "user", "pencil", CLIENT_NONCE, cache);
            assertThat(new String(c.clientFinal(bytes(SERVER_FIRST)).join(), StandardCharsets.UTF_8)).isEqualTo(CLIENT_FINAL);
        }
        assertThat(derivations).hasValue(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aServerNonceThatDoesNotExtendOursIsRefused() {
        ScramClient c = new ScramClient(Mechanism.SCRAM_SHA_256, "user", "pencil", CLIENT_NONCE, new SaltedPasswordCache(counting));
        assertThatThrownBy(() -> c.clientFinal(bytes("r=someoneelse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.clientFinal(bytes("r=" + CLIENT_NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usernamesAreEscaped() {
        ScramClient c = new ScramClient(Mechanism.SCRAM_SHA_1, "a=b,c", "p", "n", new SaltedPasswordCache(counting));
        assertThat(new String(c.clientFirst(), StandardCharsets.UTF_8)).isEqualTo("n,,n=a=3Db=2Cc,r=n");
    }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
