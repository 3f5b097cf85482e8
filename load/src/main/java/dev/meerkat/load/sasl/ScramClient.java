package dev.meerkat.load.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of one SCRAM exchange (RFC 5802, RFC 7677), without channel binding ("n,,").
 * Usernames are escaped as the RFC requires; passwords are used as UTF-8 without SASLprep, which
 * is exact for the ASCII passwords a load test uses.
 */
public final class ScramClient {
    private final Mechanism mechanism;
    private final String password;
    private final String clientFirstBare;
    private final String clientNonce;
    private final SaltedPasswordCache cache;
    private byte[] expectedServerSignature;

    public ScramClient(Mechanism mechanism, String username, String password, String clientNonce, SaltedPasswordCache cache) {
        if (!mechanism.isScram()) throw new IllegalArgumentException(mechanism + " is not SCRAM");
        this.mechanism = mechanism;
        this.password = password;
        this.clientNonce = clientNonce;
        this.cache = cache;
        this.clientFirstBare = "n=" + escapeName(username) + ",r=" + clientNonce;
    }

    public byte[] clientFirst() { return utf8("n,," + clientFirstBare); }

    /**
     * The client-final message for the server-first message; completes at once when the salted
     * password is cached, else after the derivation (off the calling thread).
     *
     * @throws IllegalArgumentException when the server-first message is malformed or its nonce is not ours
     */
    public CompletableFuture<byte[]> clientFinal(byte[] serverFirstBytes) {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
        String nonce = null;
        String salt = null;
        int iterations = -1;
        for (String part : serverFirst.split(",")) {
            if (part.startsWith("r=")) nonce = part.substring(2);
            else if (part.startsWith("s=")) salt = part.substring(2);
            else if (part.startsWith("i=")) {
                try {
                    iterations = Integer.parseInt(part.substring(2));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad iteration count in " + serverFirst);
                }
            } else if (part.startsWith("m=")) throw new IllegalArgumentException("mandatory extension not supported");
        }
        if (nonce == null || salt == null || iterations < 1) throw new IllegalArgumentException("malformed server-first: " + serverFirst);
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new IllegalArgumentException("the server nonce does not extend ours");
        }
        byte[] saltBytes = Base64.getDecoder().decode(salt);
        String withoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        return cache.keys(mechanism, password, saltBytes, iterations).thenApply(k -> finish(k, withoutProof, authMessage));
    }

    private byte[] finish(ScramKeys keys, String withoutProof, String authMessage) {
        try {
            byte[] signature = SaltedPasswordCache.hmac(mechanism, keys.storedKey(), utf8(authMessage));
            byte[] proof = keys.clientKey().clone();
            for (int i = 0; i < proof.length; i++) proof[i] ^= signature[i];
            expectedServerSignature = SaltedPasswordCache.hmac(mechanism, keys.serverKey(), utf8(authMessage));
            return utf8(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the server-final message proves the server knew our credentials. */
    public boolean verifyServerFinal(byte[] serverFinalBytes) {
        if (expectedServerSignature == null) return false;
        String serverFinal = new String(serverFinalBytes, StandardCharsets.UTF_8);
        for (String part : serverFinal.split(",")) {
            if (part.startsWith("v=")) {
                byte[] v;
                try {
                    v = Base64.getDecoder().decode(part.substring(2));
                } catch (IllegalArgumentException e) {
                    return false;
                }
                return MessageDigest.isEqual(v, expectedServerSignature);
            }
        }
        return false;
    }

    static String escapeName(String name) { return name.replace("=", "=3D").replace(",", "=2C"); }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
