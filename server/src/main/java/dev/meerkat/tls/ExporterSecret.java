package dev.meerkat.tls;

import java.util.Arrays;

/**
 * A TLS 1.3 exporter_master_secret (RFC 8446 §7.1) with the client random of the handshake it
 * belongs to, so that a reader can check that it has the secret of its own handshake.
 */
record ExporterSecret(byte[] clientRandom, byte[] secret) {
    ExporterSecret {
        clientRandom = clientRandom.clone();
        secret = secret.clone();
    }

    @Override
    public byte[] clientRandom() {
        return clientRandom.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    boolean belongsTo(byte[] handshakeClientRandom) {
        return handshakeClientRandom != null && Arrays.equals(clientRandom, handshakeClientRandom);
    }

    @Override
    public String toString() {
        return "ExporterSecret[hidden]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExporterSecret that && Arrays.equals(clientRandom, that.clientRandom)
                && Arrays.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(clientRandom) * 31 + Arrays.hashCode(secret);
    }
}
