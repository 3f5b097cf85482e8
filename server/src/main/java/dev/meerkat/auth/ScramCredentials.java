package dev.meerkat.auth;

import java.util.Arrays;

/**
 * What the server keeps of a password for one hash (RFC 5802 §3): salt, iteration count,
 * StoredKey = H(ClientKey) and ServerKey. The password itself is never stored.
 */
public record ScramCredentials(ScramHash hash, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    public ScramCredentials {
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    @Override public byte[] salt() { return salt.clone(); }

    @Override public byte[] storedKey() { return storedKey.clone(); }

    @Override public byte[] serverKey() { return serverKey.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredentials c && hash == c.hash && iterations == c.iterations
                && Arrays.equals(salt, c.salt) && Arrays.equals(storedKey, c.storedKey) && Arrays.equals(serverKey, c.serverKey);
    }

    @Override
    public int hashCode() { return hash.hashCode() * 31 + Arrays.hashCode(storedKey); }

    @Override
    public String toString() { return "ScramCredentials[" + hash + ", i=" + iterations + "]"; }
}
