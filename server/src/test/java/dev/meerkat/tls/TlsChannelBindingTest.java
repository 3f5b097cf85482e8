package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsChannelBindingTest {
    @TempDir Path dir;

    @ParameterizedTest(name = "{1} certificate signed with {0}: {2}")
    @CsvSource({
        "SHA256withECDSA, EC, SHA-256",
        "SHA384withECDSA, EC, SHA-384",
        "SHA512withECDSA, EC, SHA-512",
        "SHA1withECDSA, EC, SHA-256",
        "SHA1withRSA, RSA, SHA-256",
        "MD5withRSA, RSA, SHA-256",
        "SHA384withRSA, RSA, SHA-384",
        "SHA384withRSAandMGF1, RSA, SHA-384",
    })
    void serverEndPointHashFollowsTheSignatureAlgorithm(String signatureAlgorithm, String keyAlgorithm,
            String expectedHash) throws Exception {
        X509Certificate certificate = certificate(keyAlgorithm, signatureAlgorithm);

        assertThat(TlsChannelBinding.endPointHash(certificate))
                .hasValue(MessageDigest.getInstance(expectedHash).digest(certificate.getEncoded()));
    }

    @Test
    void serverEndPointIsUndefinedForEd25519() throws Exception {
        assertThat(TlsChannelBinding.endPointHash(certificate("Ed25519", "Ed25519"))).isEmpty();
    }

    @Test
    void openSslContextWithoutCaptureOffersOnlyServerEndPoint() throws Exception {
        CertificateFiles files = new SelfSignedCertificates().ensure(dir, List.of("example.org"));
        X509Certificate certificate = PemFiles.readCertificateChain(files.certificateChain()).get(0);
        SslContext plainServer = SslContextBuilder.forServer(PemFiles.readPrivateKey(files.privateKey()), certificate)
                .sslProvider(SslProvider.OPENSSL).protocols("TLSv1.3").build();
        SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.3")
                .trustManager(certificate).endpointIdentificationAlgorithm(null).build();

        InMemoryTls tls = InMemoryTls.handshake(plainServer, client);
        try {
            assertThat(tls.succeeded()).isTrue();
            assertThat(TlsChannelBinding.of(tls.server).types())
                    .containsExactly(TlsChannelBinding.TLS_SERVER_END_POINT);
        } finally {
            tls.close();
        }
    }

    @Test
    void dataIsACopy() throws Exception {
        CertificateFiles files = new SelfSignedCertificates().ensure(dir, List.of("example.org"));
        SslContext server = new TlsContexts(SslProvider.JDK).serverContext(files.certificateChain(), files.privateKey());
        SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(PemFiles.readCertificateChain(files.certificateChain()))
                .endpointIdentificationAlgorithm(null).build();
        InMemoryTls tls = InMemoryTls.handshake(server, client);
        try {
            TlsChannelBinding binding = TlsChannelBinding.of(tls.server);
            byte[] data = binding.data(TlsChannelBinding.TLS_SERVER_END_POINT).orElseThrow();
            byte[] original = data.clone();
            data[0] ^= 1;

            assertThat(binding.data(TlsChannelBinding.TLS_SERVER_END_POINT)).hasValue(original);
            assertThat(binding.data("tls-unique")).isEmpty();
            assertThatThrownBy(() -> binding.types().add("tls-unique"))
                    .isInstanceOf(UnsupportedOperationException.class);
        } finally {
            tls.close();
        }
    }

    private static X509Certificate certificate(String keyAlgorithm, String signatureAlgorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
        if (keyAlgorithm.equals("RSA")) {
            generator.initialize(2048);
        }
        KeyPair keyPair = generator.generateKeyPair();
        if (!signatureAlgorithm.contains("MGF1")) {
            return TestCertificates.selfSigned(keyPair, signatureAlgorithm);
        }
        // RSASSA-PSS needs BouncyCastle's signer to write its parameters.
        var name = new org.bouncycastle.asn1.x500.X500Name("CN=pss.example");
        var now = java.time.Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, java.math.BigInteger.ONE,
                java.util.Date.from(now.minusSeconds(60)), java.util.Date.from(now.plusSeconds(3600)), name,
                keyPair.getPublic());
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder(signatureAlgorithm).setProvider(new BouncyCastleProvider())
                        .build(keyPair.getPrivate())));
    }
}
