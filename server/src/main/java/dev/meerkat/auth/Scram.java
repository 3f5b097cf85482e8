package dev.meerkat.auth;

import rocks.xmpp.precis.PrecisProfiles;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;

/**
 * The SCRAM key derivation of RFC 5802 §3 as pure functions.
 *
 * <p>Passwords are prepared with the PRECIS OpaqueString profile (RFC 8265 §4.2), which replaced
 * SASLprep for XMPP. Unlike SASLprep it applies NFC rather than NFKC, so for example U+2168 ROMAN
 * NUMERAL NINE stays itself and is a different password from "IX".
 */
public final class Scram {
    /** Salt length for new credentials, in bytes. */
    public static final int SALT_LENGTH = 16;

    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    private Scram() {}

    /**
     * Normalize(password): the OpaqueString-enforced form.
     *
     * @throws IllegalArgumentException if the password has disallowed code points or is empty after preparation
     */
    public static String normalize(String password) {
        return PrecisProfiles.OPAQUE_STRING.enforce(password);
    }

    /**
     * Hi(str, salt, i), which is PBKDF2 with HMAC as PRF and an output of one hash length. Written
     * with {@link Mac} instead of the JCA PBKDF2 key factory because PBEKeySpec takes a char[] and
     * how a provider turns it into bytes is not specified; SCRAM needs exactly the UTF-8 bytes.
     */
    public static byte[] hi(ScramHash hash, byte[] password, byte[] salt, int iterations) {
        if (iterations < 1) throw new IllegalArgumentException("iteration count must be positive");
        Mac mac = mac(hash, password);
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int n = 1; n < iterations; n++) {
            u = mac.doFinal(u);
            for (int k = 0; k < result.length; k++) result[k] ^= u[k];
        }
        return result;
    }

    /** SaltedPassword := Hi(Normalize(password), salt, i). */
    public static byte[] saltedPassword(ScramHash hash, String password, byte[] salt, int iterations) {
        return hi(hash, normalize(password).getBytes(StandardCharsets.UTF_8), salt, iterations);
    }

    /** ClientKey := HMAC(SaltedPassword, "Client Key"). */
    public static byte[] clientKey(ScramHash hash, byte[] saltedPassword) {
        return hmac(hash, saltedPassword, CLIENT_KEY);
    }

    /** StoredKey := H(ClientKey). */
    public static byte[] storedKey(ScramHash hash, byte[] clientKey) {
        return digest(hash, clientKey);
    }

    /** ServerKey := HMAC(SaltedPassword, "Server Key"). */
    public static byte[] serverKey(ScramHash hash, byte[] saltedPassword) {
        return hmac(hash, saltedPassword, SERVER_KEY);
    }

    public static byte[] hmac(ScramHash hash, byte[] key, byte[] data) {
        return mac(hash, key).doFinal(data);
    }

    public static byte[] digest(ScramHash hash, byte[] data) {
        try {
            return MessageDigest.getInstance(hash.digestAlgorithm()).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + hash.digestAlgorithm(), e);
        }
    }

    /** Byte-wise XOR of two arrays of the same length. */
    public static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("length mismatch");
        byte[] r = new byte[a.length];
        for (int k = 0; k < a.length; k++) r[k] = (byte) (a[k] ^ b[k]);
        return r;
    }

    /** Comparison whose duration does not depend on where the arrays differ. */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** Credentials for one hash with a given salt (RFC test vectors, password checks). */
    public static ScramCredentials derive(String password, ScramHash hash, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(hash, password, salt, iterations);
        return new ScramCredentials(hash, salt, iterations, storedKey(hash, clientKey(hash, salted)),
                serverKey(hash, salted));
    }

    /** Fresh credentials for every {@link ScramHash}, each with its own random salt. */
    public static StoredCredentials derive(String password, int iterations, SecureRandom random) {
        normalize(password); // fail before spending CPU on the first hash
        Map<ScramHash, ScramCredentials> all = new EnumMap<>(ScramHash.class);
        for (ScramHash hash : ScramHash.values()) {
            byte[] salt = new byte[SALT_LENGTH];
            random.nextBytes(salt);
            all.put(hash, derive(password, hash, salt, iterations));
        }
        return new StoredCredentials(all);
    }

    private static Mac mac(ScramHash hash, byte[] key) {
        try {
            Mac mac = Mac.getInstance(hash.hmacAlgorithm());
            // SecretKeySpec refuses empty keys; HMAC itself allows them and pads with zeros.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, hash.hmacAlgorithm()));
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + hash.hmacAlgorithm(), e);
        }
    }
}
