package dev.meerkat.tls;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The TLS 1.3 exporter (RFC 8446 §7.5) computed from the exporter_master_secret, for providers that
 * reveal the secret but not the exporter itself:
 * {@code HKDF-Expand-Label(Derive-Secret(secret, label, ""), "exporter", Hash(context), length)}.
 */
final class Tls13Exporter {
    private Tls13Exporter() {}

    /**
     * @param cipherSuite the negotiated TLS 1.3 suite, whose name ends in its hash (SHA256 or SHA384)
     */
    static byte[] export(byte[] exporterMasterSecret, String cipherSuite, String label, byte[] context,
                         int length) {
        boolean sha384 = cipherSuite.endsWith("SHA384");
        byte[] emptyHash = hash(sha384, new byte[0]);
        byte[] derived = expandLabel(sha384, exporterMasterSecret, label, emptyHash, emptyHash.length);
        return expandLabel(sha384, derived, "exporter", hash(sha384, context), length);
    }

    private static byte[] expandLabel(boolean sha384, byte[] secret, String label, byte[] context, int length) {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer info = ByteBuffer.allocate(2 + 1 + fullLabel.length + 1 + context.length);
        info.putShort((short) length)
                .put((byte) fullLabel.length).put(fullLabel)
                .put((byte) context.length).put(context);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(digest(sha384));
        hkdf.init(HKDFParameters.skipExtractParameters(secret, info.array()));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    private static byte[] hash(boolean sha384, byte[] data) {
        Digest digest = digest(sha384);
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    private static Digest digest(boolean sha384) {
        return sha384 ? new SHA384Digest() : new SHA256Digest();
    }
}
