package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TlsContextsTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void serverContextOffersOnlyTls12And13(SslProvider provider) {
        CertificateFiles files = new SelfSignedCertificates().ensure(dir, List.of("example.org"));

        SslContext context = new TlsContexts(provider).serverContext(files.certificateChain(), files.privateKey());

        assertThat(context.isServer()).isTrue();
        SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);
        // Netty's OpenSSL engine always reports the SSLv2Hello pseudo-protocol, which BoringSSL lacks.
        assertThat(engine.getEnabledProtocols()).filteredOn(name -> !name.equals("SSLv2Hello"))
                .containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
        assertThat(context.cipherSuites()).isNotEmpty().allSatisfy(suite ->
                assertThat(suite).matches("TLS_(AES|CHACHA20)_.*|TLS_ECDHE_(ECDSA|RSA)_WITH_.*_(GCM|POLY1305)_SHA\\d+"));
    }

    @Test
    void defaultProviderIsOpenSslWhenAvailable() {
        assertThat(new TlsContexts().provider())
                .isEqualTo(io.netty.handler.ssl.OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK);
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void acceptsTraditionalRsaAndEcKeyFiles(SslProvider provider) throws Exception {
        for (String algorithm : List.of("RSA", "EC")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            KeyPair keyPair = generator.generateKeyPair();
            Path cert = dir.resolve(algorithm + ".crt");
            Path key = dir.resolve(algorithm + ".key");
            Files.writeString(cert, pem(TestCertificates.selfSigned(keyPair,
                    algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA")));
            Files.writeString(key, traditionalPem(keyPair));
            assertThat(Files.readString(key)).startsWith("-----BEGIN " + algorithm + " PRIVATE KEY-----");

            SslContext context = new TlsContexts(provider).serverContext(cert, key);

            assertThat(context.isServer()).isTrue();
        }
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.crt");
        CertificateFiles files = new SelfSignedCertificates().ensure(dir, List.of("example.org"));

        assertThatThrownBy(() -> new TlsContexts(SslProvider.JDK).serverContext(missing, files.privateKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new TlsContexts(SslProvider.JDK).serverContext(files.certificateChain(), missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void fileWithoutPemBlocksIsNamed() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello\n");
        CertificateFiles files = new SelfSignedCertificates().ensure(dir, List.of("example.org"));

        assertThatThrownBy(() -> new TlsContexts(SslProvider.JDK).serverContext(garbage, files.privateKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(garbage.toString()).hasMessageContaining("BEGIN CERTIFICATE");
        assertThatThrownBy(() -> new TlsContexts(SslProvider.JDK).serverContext(files.certificateChain(), garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(garbage.toString()).hasMessageContaining("BEGIN PRIVATE KEY");
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        CertificateFiles one = new SelfSignedCertificates().ensure(dir.resolve("one"), List.of("example.org"));
        CertificateFiles two = new SelfSignedCertificates().ensure(dir.resolve("two"), List.of("example.org"));

        assertThatThrownBy(() -> new TlsContexts(SslProvider.JDK).serverContext(one.certificateChain(),
                two.privateKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(two.privateKey().toString()).hasMessageContaining("does not belong");
    }

    @Test
    void encryptedKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keyPair = generator.generateKeyPair();
        Path cert = Files.writeString(dir.resolve("enc.crt"), pem(TestCertificates.selfSigned(keyPair, "SHA256withECDSA")));
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray()).build();
        Path key = Files.writeString(dir.resolve("enc.key"),
                pem(new JcaPKCS8Generator(keyPair.getPrivate(), encryptor).generate()));

        assertThatThrownBy(() -> new TlsContexts(SslProvider.JDK).serverContext(cert, key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key.toString()).hasMessageContaining("encrypted");
    }

    /** PKCS#1 for RSA; SEC1 with the named curve for EC, as {@code openssl ecparam -genkey} writes it. */
    private static String traditionalPem(KeyPair keyPair) throws Exception {
        if (keyPair.getPrivate() instanceof java.security.interfaces.ECPrivateKey ecKey) {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(ecKey.getEncoded());
            ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(
                    info.getPrivateKeyAlgorithm().getParameters());
            byte[] sec1 = new ECPrivateKey(256, ecKey.getS(), curve).getEncoded();
            return pem(new PemObject("EC PRIVATE KEY", sec1));
        }
        return pem(keyPair);
    }

    static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
