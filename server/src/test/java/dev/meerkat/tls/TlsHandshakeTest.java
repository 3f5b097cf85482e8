package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TlsHandshakeTest {
    private static final List<String> TLS11_CIPHERS = List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");  // the self-signed certificate has an RSA key

    @TempDir static Path dir;
    static CertificateFiles files;
    static X509Certificate certificate;

    @BeforeAll
    static void certificate() {
        files = new SelfSignedCertificates().ensure(dir, List.of("example.org"));
        certificate = PemFiles.readCertificateChain(files.certificateChain()).get(0);
    }

    static Stream<Arguments> providersAndProtocols() {
        return Stream.of(SslProvider.OPENSSL, SslProvider.JDK).flatMap(server ->
                Stream.of(SslProvider.OPENSSL, SslProvider.JDK).flatMap(client ->
                        Stream.of("TLSv1.3", "TLSv1.2").map(protocol -> Arguments.of(server, client, protocol))));
    }

    @ParameterizedTest(name = "server {0}, client {1}, {2}")
    @MethodSource("providersAndProtocols")
    void handshakeYieldsChannelBindingThatMatchesTheClientSide(SslProvider serverProvider,
            SslProvider clientProvider, String protocol) throws Exception {
        InMemoryTls tls = InMemoryTls.handshake(serverContext(serverProvider), client(clientProvider, protocol));
        try {
            assertThat(tls.succeeded()).as("handshake").isTrue();
            assertThat(tls.server.engine().getSession().getProtocol()).isEqualTo(protocol);

            TlsChannelBinding binding = TlsChannelBinding.of(tls.server);
            byte[] endPoint = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            assertThat(binding.data(TlsChannelBinding.TLS_SERVER_END_POINT)).hasValue(endPoint);
            // The client computes it from the peer's certificate: same value.
            assertThat(TlsChannelBinding.of(tls.client).data(TlsChannelBinding.TLS_SERVER_END_POINT))
                    .hasValue(endPoint);

            if (protocol.equals("TLSv1.3")) {
                assertThat(binding.types()).containsExactlyInAnyOrder(TlsChannelBinding.TLS_EXPORTER,
                        TlsChannelBinding.TLS_SERVER_END_POINT);
                byte[] exporter = binding.data(TlsChannelBinding.TLS_EXPORTER).orElseThrow();
                assertThat(exporter).hasSize(32).isEqualTo(clientExporter(tls.client));
            } else {
                assertThat(binding.types()).containsExactly(TlsChannelBinding.TLS_SERVER_END_POINT);
                assertThat(binding.data(TlsChannelBinding.TLS_EXPORTER)).isEmpty();
            }
        } finally {
            tls.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void everyConnectionHasItsOwnExporterValue(SslProvider provider) throws Exception {
        SslContext server = serverContext(provider);
        InMemoryTls first = InMemoryTls.handshake(server, client(provider, "TLSv1.3"));
        InMemoryTls second = InMemoryTls.handshake(server, client(provider, "TLSv1.3"));
        try {
            assertThat(first.succeeded()).isTrue();
            assertThat(second.succeeded()).isTrue();
            assertThat(TlsChannelBinding.of(first.server).data(TlsChannelBinding.TLS_EXPORTER).orElseThrow())
                    .isNotEqualTo(TlsChannelBinding.of(second.server).data(TlsChannelBinding.TLS_EXPORTER)
                            .orElseThrow());
        } finally {
            first.close();
            second.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void tls11IsRefused(SslProvider serverProvider) throws Exception {
        // BoringSSL still speaks TLS 1.1 when asked to; the JDK client has it disabled by policy.
        SslContext tls11Client = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL)
                .protocols("TLSv1.1").ciphers(TLS11_CIPHERS).trustManager(certificate)
                .endpointIdentificationAlgorithm(null).build();

        InMemoryTls tls = InMemoryTls.handshake(serverContext(serverProvider), tls11Client);
        try {
            assertThat(tls.server.handshakeFuture().isDone()).isTrue();
            assertThat(tls.server.handshakeFuture().isSuccess()).isFalse();
            assertThat(tls.client.handshakeFuture().isSuccess()).isFalse();
        } finally {
            tls.close();
        }
    }

    @Test
    void tls11ClientWorksAgainstAServerThatAllowsIt() throws Exception {
        // Shows that tls11IsRefused fails for the protocol version, not for some other reason.
        SslContext permissive = SslContextBuilder.forServer(PemFiles.readPrivateKey(files.privateKey()), certificate)
                .sslProvider(SslProvider.OPENSSL).protocols("TLSv1.1", "TLSv1.2").ciphers(TLS11_CIPHERS).build();
        SslContext tls11Client = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL)
                .protocols("TLSv1.1").ciphers(TLS11_CIPHERS).trustManager(certificate)
                .endpointIdentificationAlgorithm(null).build();

        InMemoryTls tls = InMemoryTls.handshake(permissive, tls11Client);
        try {
            assertThat(tls.succeeded()).isTrue();
            assertThat(tls.server.engine().getSession().getProtocol()).isEqualTo("TLSv1.1");
        } finally {
            tls.close();
        }
    }

    @Test
    void bindingBeforeHandshakeIsAnError() {
        InMemoryTls tls = InMemoryTls.handshake(serverContext(SslProvider.JDK), serverContext(SslProvider.JDK));
        try {
            assertThat(tls.server.handshakeFuture().isSuccess()).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TlsChannelBinding.of(tls.server))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            tls.close();
        }
    }

    private static SslContext serverContext(SslProvider provider) {
        return new TlsContexts(provider).serverContext(files.certificateChain(), files.privateKey());
    }

    private static SslContext client(SslProvider provider, String protocol) throws Exception {
        SslContext context = SslContextBuilder.forClient().sslProvider(provider).protocols(protocol)
                .trustManager(certificate).endpointIdentificationAlgorithm(null).build();
        return provider == SslProvider.OPENSSL ? CapturingSslContext.wrap(context) : context;
    }

    /**
     * The client's exported keying material: from the JDK's own exporter (JDK 25+) when the client is
     * a JDK engine, which makes it an independent check of the BoringSSL-side computation; from a
     * client-side {@link TlsChannelBinding} when it is a BoringSSL engine.
     */
    private static byte[] clientExporter(SslHandler client) throws Exception {
        SSLEngine engine = client.engine();
        if (engine instanceof io.netty.handler.ssl.ReferenceCountedOpenSslEngine) {
            return TlsChannelBinding.of(client).data(TlsChannelBinding.TLS_EXPORTER).orElseThrow();
        }
        Method export;
        try {
            export = ExtendedSSLSession.class.getMethod("exportKeyingMaterialData", String.class, byte[].class,
                    int.class);
        } catch (NoSuchMethodException e) {
            assumeTrue(false, "JDK without exportKeyingMaterialData");
            throw e;
        }
        return (byte[]) export.invoke(engine.getSession(), "EXPORTER-Channel-Binding", new byte[0], 32);
    }
}
