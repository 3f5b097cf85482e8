package dev.meerkat.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server's TLS contexts: TLS 1.2 and 1.3 only, BoringSSL (netty-tcnative) when its native
 * library loads, else the JDK's provider.
 *
 * <p>Contexts built with BoringSSL also capture each TLS 1.3 connection's exporter secret, which
 * {@link TlsChannelBinding} needs for {@code tls-exporter}; see there.
 */
public final class TlsContexts {
    /** Protocols offered, newest first; older ones have known weaknesses (RFC 8996). */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * TLS 1.3 suites (all AEAD) plus, for TLS 1.2, only ECDHE key exchange (forward secrecy) with
     * AEAD ciphers. Suites a provider lacks are dropped by the filter.
     */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private final SslProvider provider;

    /** Uses BoringSSL if available, else the JDK provider, and logs the choice. */
    public TlsContexts() {
        this(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK);
        if (provider == SslProvider.JDK) {
            LOG.info("TLS provider: JDK ({}); OpenSSL/BoringSSL not available: {}",
                    Runtime.version(), OpenSsl.unavailabilityCause() == null
                            ? "unknown reason" : OpenSsl.unavailabilityCause().toString());
        } else {
            LOG.info("TLS provider: {} via netty-tcnative", OpenSsl.versionString());
        }
    }

    /** Uses the given provider ({@link SslProvider#OPENSSL} or {@link SslProvider#JDK}). */
    public TlsContexts(SslProvider provider) {
        if (provider != SslProvider.OPENSSL && provider != SslProvider.JDK) {
            throw new IllegalArgumentException("unsupported TLS provider " + provider);
        }
        if (provider == SslProvider.OPENSSL && !OpenSsl.isAvailable()) {
            throw new IllegalStateException("OpenSSL TLS provider requested but not available",
                    OpenSsl.unavailabilityCause());
        }
        this.provider = provider;
    }

    public SslProvider provider() {
        return provider;
    }

    /**
     * A server context for the certificate chain (leaf first) and its private key, both PEM. The key
     * may be PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted.
     *
     * @throws IllegalArgumentException if a file is missing, unreadable, malformed, or the key does
     *                                  not belong to the leaf certificate; the message names the file
     */
    public SslContext serverContext(Path certChainPem, Path keyPem) {
        List<X509Certificate> chain = PemFiles.readCertificateChain(certChainPem);
        PrivateKey key = PemFiles.readPrivateKey(keyPem);
        PemFiles.checkKeyMatches(key, chain.get(0), keyPem, certChainPem);
        SslContext context;
        try {
            context = SslContextBuilder.forServer(key, chain)
                    .sslProvider(provider)
                    .protocols(PROTOCOLS)
                    .ciphers(CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException(certChainPem + " / " + keyPem
                    + ": the TLS provider rejected the certificate or key: " + e.getMessage(), e);
        }
        return provider == SslProvider.OPENSSL ? withExporterSecrets(context) : context;
    }

    private static SslContext withExporterSecrets(SslContext context) {
        try {
            return CapturingSslContext.wrap(context);
        } catch (IllegalStateException e) {
            // TLS still works; SCRAM-*-PLUS just falls back to tls-server-end-point.
            LOG.warn("Channel binding type tls-exporter unavailable with the OpenSSL provider: {}", e.toString());
            return context;
        }
    }
}
