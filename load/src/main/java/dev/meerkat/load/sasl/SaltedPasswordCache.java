package dev.meerkat.load.sasl;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Keys derived from (password, salt, iterations), kept as a real client keeps its SaltedPassword, so
 * that only a user's first login costs the PBKDF2 iterations. Misses are computed on the given
 * executor, never on a network thread.
 */
public final class SaltedPasswordCache {
    private record Key(Mechanism mechanism, String password, String salt, int iterations) { }

    private final Map<Key, CompletableFuture<ScramKeys>> keys = new ConcurrentHashMap<>();
    private final Executor derive;

    public SaltedPasswordCache(Executor derive) {
        this.derive = Objects.requireNonNull(derive);
    }

    /** Number of derivations done (cache misses). */
    public int size() { return keys.size(); }

    CompletableFuture<ScramKeys> keys(Mechanism m, String password, byte[] salt, int iterations) {
        Key k = new Key(m, password, java.util.Base64.getEncoder().encodeToString(salt), iterations);
        return keys.computeIfAbsent(k, x -> CompletableFuture.supplyAsync(() -> derive(m, password, salt, iterations), derive));
    }

    static ScramKeys derive(Mechanism m, String password, byte[] salt, int iterations) {
        try {
            byte[] salted = hi(m, ScramClient.utf8(password), salt, iterations);
            byte[] clientKey = hmac(m, salted, ScramClient.utf8("Client Key"));
            byte[] storedKey = MessageDigest.getInstance(m.digest).digest(clientKey);
            byte[] serverKey = hmac(m, salted, ScramClient.utf8("Server Key"));
            return new ScramKeys(clientKey, storedKey, serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 5802 Hi(): PBKDF2 with HMAC as the PRF and one output block. */
    static byte[] hi(Mechanism m, byte[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        // An empty HMAC key is legal in SCRAM but SecretKeySpec refuses it; HMAC pads keys with zeros anyway.
        Mac mac = Mac.getInstance(m.hmac);
        mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, m.hmac));
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) result[j] ^= u[j];
        }
        Arrays.fill(u, (byte) 0);
        return result;
    }

    static byte[] hmac(Mechanism m, byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(m.hmac);
        mac.init(new SecretKeySpec(key, m.hmac));
        return mac.doFinal(data);
    }
}
