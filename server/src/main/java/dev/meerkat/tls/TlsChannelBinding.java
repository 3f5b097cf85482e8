package dev.meerkat.tls;

import dev.meerkat.sasl.ChannelBinding;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;
import io.netty.internal.tcnative.SSL;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Channel-binding data of one completed TLS handshake, computed once when created.
 *
 * <ul>
 *   <li>{@code tls-server-end-point} (RFC 5929 §4.1): the hash of the server's certificate (our own
 *       on accepted connections, the peer's on connections we opened), with the hash of the
 *       certificate's signature algorithm, SHA-256 if that is MD5 or SHA-1. Offered with every
 *       provider and TLS version; not offered for certificates signed without a single hash
 *       function (Ed25519, Ed448), for which RFC 5929 leaves it undefined.</li>
 *   <li>{@code tls-exporter} (RFC 9266): 32 bytes of exported keying material with label
 *       {@code EXPORTER-Channel-Binding} and an empty context. Offered only on TLS 1.3, where every
 *       handshake has a fresh exporter secret (RFC 9266 §3 forbids it on TLS 1.2 without extended
 *       master secret).
 *       <ul>
 *         <li>BoringSSL via netty-tcnative: tcnative (2.0.84) exposes no exporter call, so contexts
 *             from {@link TlsContexts} capture the exporter secret through BoringSSL's key-log
 *             callback and the exporter is computed here (RFC 8446 §7.5). Engines of contexts
 *             built elsewhere have no captured secret and so no {@code tls-exporter}.</li>
 *         <li>JDK provider: {@code ExtendedSSLSession.exportKeyingMaterialData}, which exists from
 *             JDK 25 on and is looked up at run time; on JDK 21 to 24 there is no
 *             {@code tls-exporter}.</li>
 *       </ul>
 *   </li>
 * </ul>
 */
public final class TlsChannelBinding implements ChannelBinding {
    public static final String TLS_EXPORTER = "tls-exporter";
    public static final String TLS_SERVER_END_POINT = "tls-server-end-point";

    static final String EXPORTER_LABEL = "EXPORTER-Channel-Binding";
    static final int EXPORTER_LENGTH = 32;

    private static final MethodHandle JDK_EXPORTER = findJdkExporter();

    private final Map<String, byte[]> data;

    private TlsChannelBinding(Map<String, byte[]> data) {
        this.data = Map.copyOf(data);
    }

    /**
     * The binding of the handler's connection.
     *
     * @throws IllegalStateException if the handshake has not completed successfully
     */
    public static TlsChannelBinding of(SslHandler handler) {
        if (!handler.handshakeFuture().isSuccess()) {
            throw new IllegalStateException("TLS handshake not completed");
        }
        return of(handler.engine());
    }

    /** The binding of an engine whose handshake has completed. */
    public static TlsChannelBinding of(SSLEngine engine) {
        SSLSession session = engine.getSession();
        Map<String, byte[]> data = new LinkedHashMap<>();
        if ("TLSv1.3".equals(session.getProtocol())) {
            exporter(engine, session).ifPresent(bytes -> data.put(TLS_EXPORTER, bytes));
        }
        serverCertificate(engine, session).flatMap(TlsChannelBinding::endPointHash)
                .ifPresent(bytes -> data.put(TLS_SERVER_END_POINT, bytes));
        return new TlsChannelBinding(data);
    }

    @Override
    public Set<String> types() {
        return data.keySet();
    }

    @Override
    public Optional<byte[]> data(String type) {
        return Optional.ofNullable(data.get(type)).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "TlsChannelBinding" + types();
    }

    private static Optional<byte[]> exporter(SSLEngine engine, SSLSession session) {
        if (engine instanceof ReferenceCountedOpenSslEngine openSsl) {
            return openSslExporter(openSsl, session);
        }
        return jdkExporter(session);
    }

    private static Optional<byte[]> openSslExporter(ReferenceCountedOpenSslEngine engine, SSLSession session) {
        if (!(session.getValue(ExporterSecretCapture.SESSION_KEY) instanceof ExporterSecret secret)) {
            return Optional.empty();
        }
        byte[] clientRandom;
        // Holding the engine's lock keeps it from freeing the native SSL while we read from it.
        synchronized (engine) {
            long ssl = engine.sslPointer();
            clientRandom = ssl == 0 ? null : SSL.getClientRandom(ssl);
        }
        if (!secret.belongsTo(clientRandom)) {
            return Optional.empty();
        }
        return Optional.of(Tls13Exporter.export(secret.secret(), session.getCipherSuite(), EXPORTER_LABEL,
                new byte[0], EXPORTER_LENGTH));
    }

    private static Optional<byte[]> jdkExporter(SSLSession session) {
        if (JDK_EXPORTER == null || !(session instanceof ExtendedSSLSession extended)) {
            return Optional.empty();
        }
        try {
            return Optional.of((byte[]) JDK_EXPORTER.invokeExact(extended, EXPORTER_LABEL, new byte[0],
                    EXPORTER_LENGTH));
        } catch (SSLException | UnsupportedOperationException e) {
            return Optional.empty();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // exportKeyingMaterialData declares only SSLKeyException, caught above.
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle findJdkExporter() {
        try {
            return MethodHandles.publicLookup().findVirtual(ExtendedSSLSession.class, "exportKeyingMaterialData",
                    MethodType.methodType(byte[].class, String.class, byte[].class, int.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    private static Optional<X509Certificate> serverCertificate(SSLEngine engine, SSLSession session) {
        Certificate[] chain;
        try {
            chain = engine.getUseClientMode() ? session.getPeerCertificates() : session.getLocalCertificates();
        } catch (SSLException e) {
            return Optional.empty();
        }
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
            return Optional.empty();
        }
        return Optional.of(certificate);
    }

    /** RFC 5929 §4.1's hash of the certificate, or empty where that is undefined. */
    static Optional<byte[]> endPointHash(X509Certificate certificate) {
        try {
            byte[] der = certificate.getEncoded();
            AlgorithmIdentifier signature = org.bouncycastle.asn1.x509.Certificate.getInstance(der)
                    .getSignatureAlgorithm();
            ASN1ObjectIdentifier signatureOid = signature.getAlgorithm();
            if (signatureOid.equals(EdECObjectIdentifiers.id_Ed25519)
                    || signatureOid.equals(EdECObjectIdentifiers.id_Ed448)) {
                return Optional.empty();
            }
            AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
            if (digest == null) {
                return Optional.empty();
            }
            ASN1ObjectIdentifier digestOid = digest.getAlgorithm();
            if (digestOid.equals(PKCSObjectIdentifiers.md5) || digestOid.equals(OIWObjectIdentifiers.idSHA1)) {
                digest = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
            }
            DigestCalculator calculator = new JcaDigestCalculatorProviderBuilder().build().get(digest);
            calculator.getOutputStream().write(der);
            return Optional.of(calculator.getDigest());
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException
                 | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
