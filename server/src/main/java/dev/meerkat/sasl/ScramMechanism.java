package dev.meerkat.sasl;

import dev.meerkat.auth.AccountNames;
import dev.meerkat.auth.Scram;
import dev.meerkat.auth.ScramCredentials;
import dev.meerkat.auth.ScramHash;
import dev.meerkat.jid.Jid;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Server side of SCRAM (RFC 5802, RFC 7677) for one hash, with or without channel binding (-PLUS).
 *
 * <p>Unknown users get a challenge that looks like a real one: a salt derived from the user name
 * and a server secret (so it is the same on every attempt) and the iteration count new accounts
 * get; they fail only at the proof, with the same condition as a wrong password.
 */
public final class ScramMechanism implements SaslMechanism {
    /** Random bytes the server adds to the client's nonce. */
    public static final int SERVER_NONCE_BYTES = 24;

    private static final Pattern CB_NAME = Pattern.compile("[A-Za-z0-9.-]+");
    private static final Pattern NONCE = Pattern.compile("[\\x21-\\x2B\\x2D-\\x7E]+");
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z]=[^,]+");
    private static final byte[] FAKE_SALT_LABEL = "meerkat scram fake salt".getBytes(StandardCharsets.US_ASCII);

    private final ScramHash hash;
    private final boolean plus;
    private final Supplier<String> serverNonces;
    private final byte[] fakeSaltSecret;
    private final int fakeIterations;

    /**
     * @param fakeSaltSecret secret (at least 16 bytes) the salts of unknown users are derived from;
     *                       keep it stable across restarts, or salts of unknown users change
     * @param fakeIterations iteration count shown for unknown users: the one new accounts get
     */
    public ScramMechanism(ScramHash hash, boolean plus, SecureRandom random, byte[] fakeSaltSecret, int fakeIterations) {
        this(hash, plus, randomNonces(random), fakeSaltSecret, fakeIterations);
    }

    /** As above with the server's nonce part from {@code serverNonces} (printable ASCII without ','). */
    public ScramMechanism(ScramHash hash, boolean plus, Supplier<String> serverNonces, byte[] fakeSaltSecret,
                          int fakeIterations) {
        if (fakeSaltSecret.length < 16) throw new IllegalArgumentException("fake salt secret too short");
        if (fakeIterations < 1) throw new IllegalArgumentException("iteration count must be positive");
        this.hash = hash;
        this.plus = plus;
        this.serverNonces = serverNonces;
        this.fakeSaltSecret = fakeSaltSecret.clone();
        this.fakeIterations = fakeIterations;
    }

    private static Supplier<String> randomNonces(SecureRandom random) {
        return () -> {
            byte[] b = new byte[SERVER_NONCE_BYTES];
            random.nextBytes(b);
            return Base64.getEncoder().encodeToString(b);
        };
    }

    @Override
    public String name() { return hash.mechanismName() + (plus ? "-PLUS" : ""); }

    @Override
    public boolean needsChannelBinding() { return plus; }

    @Override
    public boolean sendsPlainPassword() { return false; }

    public ScramHash hash() { return hash; }

    @Override
    public SaslNegotiation start(SaslContext context) {
        return new Exchange(context);
    }

    @Override
    public String toString() { return name(); }

    private byte[] fakeSalt(String user, String domain) {
        String input = hash.name() + '\0' + user + '\0' + domain;
        byte[] mac = Scram.hmac(ScramHash.SHA256, fakeSaltSecret,
                concat(FAKE_SALT_LABEL, input.getBytes(StandardCharsets.UTF_8)));
        byte[] salt = new byte[Scram.SALT_LENGTH];
        System.arraycopy(mac, 0, salt, 0, salt.length);
        return salt;
    }

    /** Ends the exchange with a failure condition. */
    private static final class Reject extends Exception {
        final SaslFailure failure;

        Reject(SaslFailure failure, String message) {
            super(message, null, false, false);
            this.failure = failure;
        }
    }

    private static Reject malformed(String message) {
        return new Reject(SaslFailure.MALFORMED_REQUEST, message);
    }

    private enum State { FIRST, FINAL, DONE }

    private final class Exchange implements SaslNegotiation {
        private final SaslContext context;
        private State state = State.FIRST;
        private boolean emptyChallengeSent;

        // Set by the first message.
        private Optional<Jid> account = Optional.empty();
        private boolean known;
        private byte[] storedKey;
        private byte[] serverKey;
        private byte[] expectedCbind;
        private String nonce;
        private String clientFirstBare;
        private String serverFirst;

        Exchange(SaslContext context) {
            this.context = context;
        }

        @Override
        public SaslStep step(byte[] response) {
            try {
                return switch (state) {
                    case FIRST -> first(response);
                    case FINAL -> {
                        SaslStep s = last(response);
                        state = State.DONE;
                        yield s;
                    }
                    case DONE -> throw malformed("the exchange is over");
                };
            } catch (Reject r) {
                state = State.DONE;
                return new SaslStep.Failure(r.failure, r.getMessage());
            } catch (AuthBackendException e) {
                state = State.DONE;
                return new SaslStep.Failure(SaslFailure.TEMPORARY_AUTH_FAILURE, null);
            }
        }

        private SaslStep first(byte[] response) throws Reject {
            if (response.length == 0 && !emptyChallengeSent) {
                // <auth/> without initial response: SCRAM is client-first, so ask for it (RFC 6120 §6.4.2).
                emptyChallengeSent = true;
                return new SaslStep.Challenge(new byte[0]);
            }
            String msg = utf8(response);

            // gs2-header = gs2-cbind-flag "," [ authzid ] ","
            int pos;
            char flag;
            String cbName = null;
            if (msg.startsWith("n,") || msg.startsWith("y,")) {
                flag = msg.charAt(0);
                pos = 2;
            } else if (msg.startsWith("p=")) {
                flag = 'p';
                int comma = msg.indexOf(',');
                if (comma < 0) throw malformed("no gs2 header");
                cbName = msg.substring(2, comma);
                if (!CB_NAME.matcher(cbName).matches()) throw malformed("bad channel binding name");
                pos = comma + 1;
            } else {
                throw malformed("no gs2 header");
            }
            String authzid = null;
            if (msg.startsWith("a=", pos)) {
                int comma = msg.indexOf(',', pos);
                if (comma < 0) throw malformed("no gs2 header");
                authzid = decodeSaslName(msg.substring(pos + 2, comma));
                pos = comma + 1;
            } else if (msg.startsWith(",", pos)) {
                pos++;
            } else {
                throw malformed("no gs2 header");
            }
            String gs2Header = msg.substring(0, pos);
            clientFirstBare = msg.substring(pos);

            byte[] cbData = new byte[0];
            if (plus) {
                if (cbName == null) throw malformed(name() + " needs channel binding (p=)");
                cbData = context.channelBinding().data(cbName)
                        .orElseThrow(() -> new Reject(SaslFailure.NOT_AUTHORIZED, "unsupported channel binding type"));
            } else if (flag == 'p') {
                throw malformed("channel binding needs a -PLUS mechanism");
            } else if (flag == 'y' && context.plusAdvertised()) {
                // RFC 5802 §6: the client saw no -PLUS mechanism although we offered one.
                throw new Reject(SaslFailure.NOT_AUTHORIZED, "channel binding downgrade");
            }
            expectedCbind = concat(gs2Header.getBytes(StandardCharsets.UTF_8), cbData);

            String[] attrs = clientFirstBare.split(",", -1);
            if (attrs.length < 2) throw malformed("missing attributes");
            if (attrs[0].startsWith("m=")) throw malformed("unsupported mandatory extension");
            if (!attrs[0].startsWith("n=")) throw malformed("missing user name");
            String user = decodeSaslName(attrs[0].substring(2));
            if (!attrs[1].startsWith("r=") || !NONCE.matcher(attrs[1].substring(2)).matches()) {
                throw malformed("missing or bad nonce");
            }
            for (int k = 2; k < attrs.length; k++) {
                if (!EXTENSION.matcher(attrs[k]).matches()) throw malformed("bad attribute");
            }

            account = AccountNames.account(user, context.domain());
            if (authzid != null && account.isPresent() && !account.get().equals(Jid.parseOrNull(authzid))) {
                throw new Reject(SaslFailure.INVALID_AUTHZID, null);
            }
            Optional<ScramCredentials> stored = account.isPresent()
                    ? context.credentials().scram(user, context.domain(), hash) : Optional.empty();
            byte[] salt;
            int iterations;
            if (stored.isPresent()) {
                known = true;
                salt = stored.get().salt();
                iterations = stored.get().iterations();
                storedKey = stored.get().storedKey();
                serverKey = stored.get().serverKey();
            } else {
                known = false;
                salt = fakeSalt(account.map(Jid::local).orElse(user), context.domain());
                iterations = fakeIterations;
                storedKey = new byte[hash.length()];
                serverKey = new byte[hash.length()];
            }
            nonce = attrs[1].substring(2) + serverNonces.get();
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
            state = State.FINAL;
            return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
        }

        private SaslStep last(byte[] response) throws Reject {
            String msg = utf8(response);
            // Exactly c=, r=, p=: we support no extensions, and RFC 5802 puts the proof last.
            String[] attrs = msg.split(",", -1);
            if (attrs.length != 3 || !attrs[0].startsWith("c=") || !attrs[1].startsWith("r=")
                    || !attrs[2].startsWith("p=")) {
                throw malformed("expected c=, r= and p=");
            }
            byte[] cbind = base64(attrs[0].substring(2));
            byte[] proof = base64(attrs[2].substring(2));
            if (proof.length != hash.length()) throw malformed("proof has the wrong length");
            if (!Scram.constantTimeEquals(cbind, expectedCbind)) {
                throw new Reject(SaslFailure.NOT_AUTHORIZED, "channel binding mismatch");
            }
            if (!attrs[1].substring(2).equals(nonce)) throw new Reject(SaslFailure.NOT_AUTHORIZED, "nonce mismatch");

            byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + attrs[0] + "," + attrs[1])
                    .getBytes(StandardCharsets.UTF_8);
            byte[] clientSignature = Scram.hmac(hash, storedKey, authMessage);
            byte[] clientKey = Scram.xor(proof, clientSignature);
            // Same work for unknown users; 'known' decides only after it.
            boolean proofOk = Scram.constantTimeEquals(Scram.digest(hash, clientKey), storedKey);
            if (!(proofOk & known)) throw new Reject(SaslFailure.NOT_AUTHORIZED, null);
            byte[] serverSignature = Scram.hmac(hash, serverKey, authMessage);
            String serverFinal = "v=" + Base64.getEncoder().encodeToString(serverSignature);
            return new SaslStep.Success(serverFinal.getBytes(StandardCharsets.UTF_8), account.orElseThrow().local());
        }
    }

    private static String utf8(byte[] bytes) throws Reject {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (s.indexOf('\0') >= 0) throw malformed("NUL in message");
            return s;
        } catch (CharacterCodingException e) {
            throw malformed("not UTF-8");
        }
    }

    /** saslname: ',' and '=' arrive as =2C and =3D; any other '=' is an error (RFC 5802 §5.1). */
    private static String decodeSaslName(String s) throws Reject {
        if (s.isEmpty()) throw malformed("empty name");
        StringBuilder b = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c != '=') {
                b.append(c);
            } else if (s.startsWith("=2C", k)) {
                b.append(',');
                k += 2;
            } else if (s.startsWith("=3D", k)) {
                b.append('=');
                k += 2;
            } else {
                throw malformed("bad escape in name");
            }
        }
        return b.toString();
    }

    /** Base64 with padding and nothing else; re-encoding must give the same text. */
    private static byte[] base64(String s) throws Reject {
        if (s.length() % 4 != 0) throw malformed("bad base64");
        try {
            byte[] bytes = Base64.getDecoder().decode(s);
            if (!Base64.getEncoder().encodeToString(bytes).equals(s)) throw malformed("bad base64");
            return bytes;
        } catch (IllegalArgumentException e) {
            throw malformed("bad base64");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
