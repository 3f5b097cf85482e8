package dev.meerkat.sasl;

import dev.meerkat.auth.AuthService;
import dev.meerkat.auth.InMemoryUserStore;
import dev.meerkat.auth.Scram;
import dev.meerkat.auth.ScramCredentials;
import dev.meerkat.auth.ScramHash;
import dev.meerkat.auth.StoredCredentials;
import dev.meerkat.jid.Jid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScramMechanismTest {
    private static final String DOMAIN = "example.com";
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int ITERATIONS = 4096;

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final AuthService auth = new AuthService(store, ITERATIONS, new SecureRandom());

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static String str(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    private SaslContext context(ChannelBinding cb, boolean plusAdvertised) {
        return new SaslContext(DOMAIN, auth, cb, plusAdvertised);
    }

    private SaslContext plain() { return context(ChannelBinding.NONE, false); }

    private ScramMechanism mechanism(ScramHash hash, boolean plus) {
        return new ScramMechanism(hash, plus, new SecureRandom(), SECRET, ITERATIONS);
    }

    private static SaslStep.Challenge challenge(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Challenge.class);
        return (SaslStep.Challenge) step;
    }

    private static SaslStep.Failure failure(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Failure.class);
        return (SaslStep.Failure) step;
    }

    private static SaslStep.Success success(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Success.class);
        return (SaslStep.Success) step;
    }

    // ---- RFC test vectors -------------------------------------------------------------------

    private void storeRfcUser(ScramHash hash, String saltB64) {
        ScramCredentials c = Scram.derive("pencil", hash, Base64.getDecoder().decode(saltB64), 4096);
        store.create("user", DOMAIN, new StoredCredentials(Map.of(hash, c)));
    }

    @Test
    void rfc5802Sha1Example() {
        storeRfcUser(ScramHash.SHA1, "QSXCR+Q6sek8bf92");
        var mech = new ScramMechanism(ScramHash.SHA1, false, () -> "3rfcNHYJY1ZVvWVs7j", SECRET, ITERATIONS);
        SaslNegotiation n = mech.start(plain());

        var first = challenge(n.step(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL")));
        assertThat(str(first.data()))
                .isEqualTo("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");

        var done = success(n.step(utf8(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=")));
        assertThat(str(done.additionalData())).isEqualTo("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
        assertThat(done.user()).isEqualTo("user");
    }

    @Test
    void rfc7677Sha256Example() {
        storeRfcUser(ScramHash.SHA256, "W22ZaJ0SNY7soEsUEjb6gQ==");
        var mech = new ScramMechanism(ScramHash.SHA256, false, () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0", SECRET,
                ITERATIONS);
        SaslNegotiation n = mech.start(plain());

        var first = challenge(n.step(utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO")));
        assertThat(str(first.data())).isEqualTo(
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");

        var done = success(n.step(utf8("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")));
        assertThat(str(done.additionalData())).isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void rfc5802ExampleWithWrongProofFails() {
        storeRfcUser(ScramHash.SHA1, "QSXCR+Q6sek8bf92");
        var mech = new ScramMechanism(ScramHash.SHA1, false, () -> "3rfcNHYJY1ZVvWVs7j", SECRET, ITERATIONS);
        SaslNegotiation n = mech.start(plain());
        n.step(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
        var f = failure(n.step(utf8(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=w0X8v3Bz2T0CJGbJQyF0X+HI4Ts=")));
        // The proof above differs from the RFC's in its first base64 digit only.
        assertThat(f.failure()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    // ---- a client written from the RFC formulas --------------------------------------------

    /** SCRAM client side, independent of the server code: JCA PBKDF2 for Hi, JCA Mac for HMAC. */
    static class Client {
        final ScramHash hash;
        final String user;
        final String password;
        final String gs2Header;
        final byte[] cbData;
        final String clientNonce = "cLiEnTnOnCe" + System.nanoTime();
        String clientFirstBare;
        String expectedServerFinal;
        String serverNonce;
        byte[] salt;
        int iterations;

        Client(ScramHash hash, String user, String password, String gs2Header, byte[] cbData) {
            this.hash = hash;
            this.user = user;
            this.password = password;
            this.gs2Header = gs2Header;
            this.cbData = cbData;
        }

        Client(ScramHash hash, String user, String password) {
            this(hash, user, password, "n,,", new byte[0]);
        }

        byte[] first() {
            clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
            return utf8(gs2Header + clientFirstBare);
        }

        byte[] last(byte[] serverFirstBytes) throws Exception {
            String serverFirst = str(serverFirstBytes);
            Map<String, String> attrs = new HashMap<>();
            for (String a : serverFirst.split(",")) attrs.put(a.substring(0, 1), a.substring(2));
            serverNonce = attrs.get("r");
            salt = Base64.getDecoder().decode(attrs.get("s"));
            iterations = Integer.parseInt(attrs.get("i"));
            String algo = hash.hmacAlgorithm();
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2With" + algo)
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, hash.length() * 8))
                    .getEncoded();
            byte[] clientKey = hmac(algo, salted, utf8("Client Key"));
            byte[] storedKey = MessageDigest.getInstance(hash.digestAlgorithm()).digest(clientKey);
            byte[] cbind = new byte[gs2Header.length() + cbData.length];
            System.arraycopy(utf8(gs2Header), 0, cbind, 0, gs2Header.length());
            System.arraycopy(cbData, 0, cbind, gs2Header.length(), cbData.length);
            String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind) + ",r=" + serverNonce;
            byte[] authMessage = utf8(clientFirstBare + "," + serverFirst + "," + withoutProof);
            byte[] signature = hmac(algo, storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int k = 0; k < proof.length; k++) proof[k] = (byte) (clientKey[k] ^ signature[k]);
            byte[] serverKey = hmac(algo, salted, utf8("Server Key"));
            expectedServerFinal = "v=" + Base64.getEncoder().encodeToString(hmac(algo, serverKey, authMessage));
            return utf8(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
        }

        private static byte[] hmac(String algo, byte[] key, byte[] data) throws Exception {
            Mac mac = Mac.getInstance(algo);
            mac.init(new SecretKeySpec(key, algo));
            return mac.doFinal(data);
        }
    }

    private SaslStep run(SaslMechanism mech, SaslContext ctx, Client client) throws Exception {
        SaslNegotiation n = mech.start(ctx);
        SaslStep first = n.step(client.first());
        if (!(first instanceof SaslStep.Challenge c)) return first;
        return n.step(client.last(c.data()));
    }

    @Test
    void sha512RoundTrip() throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "r0m30myr0m30");
        Client client = new Client(ScramHash.SHA512, "Juliet", "r0m30myr0m30");
        var mech = mechanism(ScramHash.SHA512, false);
        assertThat(mech.name()).isEqualTo("SCRAM-SHA-512");
        SaslNegotiation n = mech.start(plain());
        var first = challenge(n.step(client.first()));
        var done = success(n.step(client.last(first.data())));
        assertThat(str(done.additionalData())).isEqualTo(client.expectedServerFinal);
        assertThat(done.user()).isEqualTo("juliet");
        assertThat(client.salt).hasSize(16);
        assertThat(client.iterations).isEqualTo(ITERATIONS);
        // client nonce + base64 of 24 random bytes
        assertThat(client.serverNonce).startsWith(client.clientNonce).hasSize(client.clientNonce.length() + 32);
        assertThat(n.step(utf8("more"))).isInstanceOf(SaslStep.Failure.class);
    }

    @Test
    void allHashesRoundTrip() throws Exception {
        auth.register(Jid.parse("romeo@example.com"), "secret");
        for (ScramHash hash : ScramHash.values()) {
            var done = success(run(mechanism(hash, false), plain(), new Client(hash, "romeo", "secret")));
            assertThat(done.user()).isEqualTo("romeo");
        }
    }

    @Test
    void iterationCountComesFromStoredCredentials() throws Exception {
        byte[] salt = new byte[16];
        store.create("slow", DOMAIN, new StoredCredentials(Map.of(ScramHash.SHA256,
                Scram.derive("pw", ScramHash.SHA256, salt, 5000))));
        Client client = new Client(ScramHash.SHA256, "slow", "pw");
        success(run(mechanism(ScramHash.SHA256, false), plain(), client));
        assertThat(client.iterations).isEqualTo(5000);
    }

    @Test
    void emptyInitialResponseGetsEmptyChallenge() throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "pw");
        Client client = new Client(ScramHash.SHA256, "juliet", "pw");
        SaslNegotiation n = mechanism(ScramHash.SHA256, false).start(plain());
        assertThat(challenge(n.step(new byte[0])).data()).isEmpty();
        var first = challenge(n.step(client.first()));
        success(n.step(client.last(first.data())));

        SaslNegotiation again = mechanism(ScramHash.SHA256, false).start(plain());
        again.step(new byte[0]);
        assertThat(failure(again.step(new byte[0])).failure()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    // ---- failures --------------------------------------------------------------------------

    @Test
    void wrongPasswordAndUnknownUserFailAlike() throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "right");
        var mech = mechanism(ScramHash.SHA256, false);

        Client wrong = new Client(ScramHash.SHA256, "juliet", "wrong");
        var wrongFailure = failure(run(mech, plain(), wrong));
        Client unknown = new Client(ScramHash.SHA256, "nobody", "wrong");
        var unknownFailure = failure(run(mech, plain(), unknown));

        assertThat(wrongFailure.failure()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
        assertThat(unknownFailure).isEqualTo(wrongFailure);
        // The challenge for an unknown user has the same shape.
        assertThat(unknown.salt).hasSize(wrong.salt.length);
        assertThat(unknown.iterations).isEqualTo(wrong.iterations);
        assertThat(unknown.serverNonce.length() - unknown.clientNonce.length())
                .isEqualTo(wrong.serverNonce.length() - wrong.clientNonce.length());
    }

    @Test
    void unknownUserSaltIsStablePerUserAndDiffersBetweenUsers() throws Exception {
        var mech = mechanism(ScramHash.SHA256, false);
        Client a1 = new Client(ScramHash.SHA256, "ghost", "x");
        Client a2 = new Client(ScramHash.SHA256, "Ghost", "y"); // same account after normalisation
        Client b = new Client(ScramHash.SHA256, "phantom", "x");
        run(mech, plain(), a1);
        run(mechanism(ScramHash.SHA256, false), plain(), a2);
        run(mech, plain(), b);
        assertThat(a2.salt).isEqualTo(a1.salt);
        assertThat(b.salt).isNotEqualTo(a1.salt);

        Client otherSecret = new Client(ScramHash.SHA256, "ghost", "x");
        run(new ScramMechanism(ScramHash.SHA256, false, new SecureRandom(),
                "another secret, 16 bytes or more".getBytes(StandardCharsets.US_ASCII), ITERATIONS), plain(), otherSecret);
        assertThat(otherSecret.salt).isNotEqualTo(a1.salt);
    }

    @Test
    void invalidUserNameFailsLikeUnknownUser() throws Exception {
        // '@' can't be in a localpart; U+0000 is refused as malformed before.
        var f = failure(run(mechanism(ScramHash.SHA256, false), plain(), new Client(ScramHash.SHA256, "a@b", "x")));
        assertThat(f.failure()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "hello",
            "n,,",
            "n,,r=abcdef",
            "n,,n=user",
            "n,,n=,r=abcdef",
            "n,,n=user,r=",
            "n,,n=user,r=ab cd",
            "x,,n=user,r=abcdef",
            "n,n=user,r=abcdef",
            "n,b=x,n=user,r=abcdef",
            "n,,n=us=er,r=abcdef",
            "n,,n=us=2c,r=abcdef",
            "n,,n=user=3,r=abcdef",
            "n,,m=ext,n=user,r=abcdef",
            "n,,r=abcdef,n=user",
            "n,,n=user,r=abcdef,bad",
            "n,,n=user,r=abcdef,",
            "n,,n=us\u0000er,r=abcdef",
            "n,a=us=er,n=user,r=abcdef",
            "p=,,n=user,r=abcdef",
    })
    void malformedClientFirst(String message) {
        var f = failure(mechanism(ScramHash.SHA256, false).start(plain()).step(utf8(message)));
        assertThat(f.failure()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] bad = {'n', ',', ',', 'n', '=', (byte) 0xC3, (byte) 0x28, ',', 'r', '=', 'x'};
        var f = failure(mechanism(ScramHash.SHA256, false).start(plain()).step(bad));
        assertThat(f.failure()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void clientFirstExtensionsAreIgnored() throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "pw");
        var mech = mechanism(ScramHash.SHA256, false);
        SaslNegotiation n = mech.start(plain());
        Client client = new Client(ScramHash.SHA256, "juliet", "pw") {
            @Override
            byte[] first() {
                super.first();
                clientFirstBare = clientFirstBare + ",x=future";
                return utf8(gs2Header + clientFirstBare);
            }
        };
        var first = challenge(n.step(client.first()));
        success(n.step(client.last(first.data())));
    }

    /** Sends the first message, then the given transformation of a correct final message. */
    private SaslStep.Failure finalFails(java.util.function.UnaryOperator<String> tamper) throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "pw");
        Client client = new Client(ScramHash.SHA256, "juliet", "pw");
        SaslNegotiation n = mechanism(ScramHash.SHA256, false).start(plain());
        var first = challenge(n.step(client.first()));
        String good = str(client.last(first.data()));
        return failure(n.step(utf8(tamper.apply(good))));
    }

    @Test
    void finalWithExtensionIsMalformed() throws Exception {
        var f = finalFails(m -> m.replace(",p=", ",x=ext,p="));
        assertThat(f.failure()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void finalWithBadBase64ProofIsMalformed() throws Exception {
        var f = finalFails(m -> m.substring(0, m.indexOf(",p=")) + ",p=!!notbase64!!");
        assertThat(f.failure()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void finalWithUnpaddedProofIsMalformed() throws Exception {
        var f = finalFails(m -> m.replaceAll("=+$", ""));
        assertThat(f.failure()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void finalWithBadBase64ChannelBindingIsMalformed() throws Exception {
        var f = finalFails(m -> m.replace("c=biws", "c=bi*s"));
        assertThat(f.failure()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void finalWithShortProofIsMalformed() throws Exception {
        var f = finalFails(m -> m.substring(0, m.indexOf(",p=")) + ",p=AAAA");
        assertThat(f.failure()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void finalWithoutProofIsMalformed() throws Exception {
        var f = finalFails(m -> m.substring(0, m.indexOf(",p=")));
        assertThat(f.failure()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void finalGarbageIsMalformed() throws Exception {
        assertThat(finalFails(m -> "garbage").failure()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void finalWithOtherNonceFails() throws Exception {
        var f = finalFails(m -> m.replace(",r=", ",r=X"));
        assertThat(f.failure()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void finalWithOtherChannelBindingFails() throws Exception {
        // base64("y,,") instead of base64("n,,")
        var f = finalFails(m -> m.replace("c=biws", "c=eSws"));
        assertThat(f.failure()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
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
        var ctx = new SaslContext(DOMAIN, broken, ChannelBinding.NONE, false);
        var f = failure(mechanism(ScramHash.SHA1, false).start(ctx).step(utf8("n,,n=user,r=abc")));
        assertThat(f.failure()).isEqualTo(SaslFailure.TEMPORARY_AUTH_FAILURE);
    }

    // ---- channel binding -------------------------------------------------------------------

    private static ChannelBinding binding(Map<String, byte[]> data) {
        return new ChannelBinding() {
            @Override public Set<String> types() { return data.keySet(); }

            @Override public Optional<byte[]> data(String type) { return Optional.ofNullable(data.get(type)); }
        };
    }

    private static final byte[] EXPORTER = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
            21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
    private static final byte[] END_POINT = utf8("certificate hash bytes");
    private final ChannelBinding tls = binding(Map.of("tls-exporter", EXPORTER, "tls-server-end-point", END_POINT));

    @Test
    void plusWithTlsExporter() throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "pw");
        var mech = mechanism(ScramHash.SHA256, true);
        assertThat(mech.name()).isEqualTo("SCRAM-SHA-256-PLUS");
        assertThat(mech.needsChannelBinding()).isTrue();
        Client client = new Client(ScramHash.SHA256, "juliet", "pw", "p=tls-exporter,,", EXPORTER);
        var done = success(run(mech, context(tls, true), client));
        assertThat(str(done.additionalData())).isEqualTo(client.expectedServerFinal);
    }

    @Test
    void plusWithTlsServerEndPointAndAuthzid() throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "pw");
        Client client = new Client(ScramHash.SHA512, "juliet", "pw", "p=tls-server-end-point,a=juliet@example.com,",
                END_POINT);
        success(run(mechanism(ScramHash.SHA512, true), context(tls, true), client));
    }

    @Test
    void plusWithWrongChannelBindingDataFails() throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "pw");
        Client client = new Client(ScramHash.SHA256, "juliet", "pw", "p=tls-exporter,,", END_POINT);
        var f = failure(run(mechanism(ScramHash.SHA256, true), context(tls, true), client));
        assertThat(f.failure()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void plusWithUnavailableBindingTypeFails() throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "pw");
        Client client = new Client(ScramHash.SHA256, "juliet", "pw", "p=tls-unique,,", END_POINT);
        var f = failure(run(mechanism(ScramHash.SHA256, true), context(tls, true), client));
        assertThat(f.failure()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"n,,", "y,,"})
    void plusWithoutChannelBindingFlagIsMalformed(String gs2) throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "pw");
        Client client = new Client(ScramHash.SHA256, "juliet", "pw", gs2, new byte[0]);
        var f = failure(run(mechanism(ScramHash.SHA256, true), context(tls, true), client));
        assertThat(f.failure()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void channelBindingOnNonPlusIsMalformed() throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "pw");
        Client client = new Client(ScramHash.SHA256, "juliet", "pw", "p=tls-exporter,,", EXPORTER);
        var f = failure(run(mechanism(ScramHash.SHA256, false), context(tls, true), client));
        assertThat(f.failure()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void yFlagWhilePlusAdvertisedIsADowngrade() throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "pw");
        Client client = new Client(ScramHash.SHA256, "juliet", "pw", "y,,", new byte[0]);
        var f = failure(run(mechanism(ScramHash.SHA256, false), context(tls, true), client));
        assertThat(f.failure()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void yFlagWithoutPlusAdvertisedSucceeds() throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "pw");
        Client client = new Client(ScramHash.SHA256, "juliet", "pw", "y,,", new byte[0]);
        success(run(mechanism(ScramHash.SHA256, false), context(tls, false), client));
    }

    // ---- names and authzid -----------------------------------------------------------------

    @Test
    void authzidOfOwnJidIsAccepted() throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "pw");
        Client client = new Client(ScramHash.SHA256, "juliet", "pw", "n,a=Juliet@Example.com,", new byte[0]);
        assertThat(success(run(mechanism(ScramHash.SHA256, false), plain(), client)).user()).isEqualTo("juliet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"romeo@example.com", "juliet@example.org", "juliet@example.com/balcony", "example.com",
            "not a jid@@"})
    void otherAuthzidIsRefused(String authzid) throws Exception {
        auth.register(Jid.parse("juliet@example.com"), "pw");
        auth.register(Jid.parse("romeo@example.com"), "pw");
        Client client = new Client(ScramHash.SHA256, "juliet", "pw", "n,a=" + authzid + ",", new byte[0]);
        var f = failure(run(mechanism(ScramHash.SHA256, false), plain(), client));
        assertThat(f.failure()).isEqualTo(SaslFailure.INVALID_AUTHZID);
    }

    @Test
    void escapedUserNameIsDecoded() throws Exception {
        auth.register(Jid.of("a,b=c", DOMAIN, null), "pw");
        Client client = new Client(ScramHash.SHA1, "a,b=c", "pw");
        assertThat(client.first()).asString(StandardCharsets.UTF_8).contains("n=a=2Cb=3Dc,");
        var done = success(run(mechanism(ScramHash.SHA1, false), plain(), client));
        assertThat(done.user()).isEqualTo("a,b=c");
    }

    @Test
    void nonAsciiPasswordMatchesRfcDerivation() throws Exception {
        // NFC form in the client; the server was given the decomposed form at registration.
        auth.register(Jid.parse("juliet@example.com"), "cafe\u0301");
        Client client = new Client(ScramHash.SHA256, "juliet", "caf\u00e9");
        success(run(mechanism(ScramHash.SHA256, false), plain(), client));
    }
}
