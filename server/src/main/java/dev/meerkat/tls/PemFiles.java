package dev.meerkat.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM certificate chains and private keys. BouncyCastle parses the key so that PKCS#1
 * ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}) files work as well as PKCS#8; every
 * failure names the file, because the operator has to find out which of the configured files is wrong.
 */
final class PemFiles {
    private PemFiles() {}

    static List<X509Certificate> readCertificateChain(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader reader = open(file); PEMParser parser = new PEMParser(reader)) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add((X509Certificate) factory.generateCertificate(
                            new java.io.ByteArrayInputStream(holder.getEncoded())));
                }
            }
        } catch (IOException | CertificateException e) {
            throw bad(file, "not a readable PEM certificate file: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw bad(file, "contains no \"BEGIN CERTIFICATE\" block", null);
        }
        return List.copyOf(chain);
    }

    static PrivateKey readPrivateKey(Path file) {
        Object item;
        try (Reader reader = open(file); PEMParser parser = new PEMParser(reader)) {
            item = parser.readObject();
            // A key file may start with EC PARAMETERS before the EC PRIVATE KEY block (openssl ecparam output).
            while (item != null && !isKey(item)) {
                item = parser.readObject();
            }
        } catch (IOException e) {
            throw bad(file, "not a readable PEM private key file: " + e.getMessage(), e);
        }
        if (item == null) {
            throw bad(file, "contains no \"BEGIN PRIVATE KEY\", \"BEGIN RSA PRIVATE KEY\" or \"BEGIN EC PRIVATE KEY\" block",
                    null);
        }
        if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw bad(file, "the private key is encrypted; store it unencrypted (and readable only by the server)",
                    null);
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (item instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            return converter.getPrivateKey((PrivateKeyInfo) item);
        } catch (IOException e) {
            throw bad(file, "unsupported private key: " + e.getMessage(), e);
        }
    }

    /** Fails unless the key signs what the certificate's public key verifies, i.e. they belong together. */
    static void checkKeyMatches(PrivateKey key, X509Certificate certificate, Path keyFile, Path certFile) {
        byte[] probe = "meerkat key/certificate check".getBytes(StandardCharsets.US_ASCII);
        try {
            String algorithm = switch (key.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
                default -> throw bad(keyFile, "unsupported key algorithm " + key.getAlgorithm(), null);
            };
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // A key of another type than the certificate's lands here too: same message below.
        }
        throw bad(keyFile, "the private key does not belong to the first certificate in " + certFile, null);
    }

    private static boolean isKey(Object item) {
        return item instanceof PEMKeyPair || item instanceof PrivateKeyInfo
                || item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    private static Reader open(Path file) throws IOException {
        try {
            return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw bad(file, "file does not exist", e);
        }
    }

    private static IllegalArgumentException bad(Path file, String reason, Exception cause) {
        return new IllegalArgumentException(file + ": " + reason, cause);
    }
}
