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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
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
 * Channel-binding data of one completed TLS handshake: the available types are known when created,
 * the data of a type is computed once, when first asked for.
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

    // Which types exist is settled at the handshake (cheap checks); the bytes themselves (an HKDF
    // for tls-exporter, a hash of the certificate for tls-server-end-point) are computed on first
    // use, since most clients never pick a -PLUS mechanism.
    private final Map<String, Supplier<byte[]>> sources;
    private final Set<String> types;
    private final Map<String, byte[]> computed = new ConcurrentHashMap<>(2);

    private TlsChannelBinding(Map<String, Supplier<byte[]>> sources) {
        this.sources = Map.copyOf(sources);
        this.types = Collections.unmodifiableSet(new LinkedHashSet<>(sources.keySet()));
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
        Map<String, Supplier<byte[]>> sources = new LinkedHashMap<>();
        if ("TLSv1.3".equals(session.getProtocol())) {
            Supplier<byte[]> exporter = exporter(engine, session);
            if (exporter != null) sources.put(TLS_EXPORTER, exporter);
        }
        serverCertificate(engine, session).ifPresent(certificate -> {
            AlgorithmIdentifier digest = endPointDigest(certificate);
            if (digest != null) sources.put(TLS_SERVER_END_POINT, () -> hash(digest, certificate));
        });
        return new TlsChannelBinding(sources);
    }

    @Override
    public Set<String> types() {
        return types;
    }

    @Override
    public Optional<byte[]> data(String type) {
        Supplier<byte[]> source = sources.get(type);
        if (source == null) return Optional.empty();
        byte[] bytes = computed.computeIfAbsent(type, t -> {
            byte[] b = source.get();
            return b == null ? EMPTY : b;
        });
        return bytes == EMPTY ? Optional.empty() : Optional.of(bytes.clone());
    }

    private static final byte[] EMPTY = new byte[0];

    @Override
    public String toString() {
        return "TlsChannelBinding" + types();
    }

    /** A source of the exporter bytes when this connection can have them, else null. */
    private static Supplier<byte[]> exporter(SSLEngine engine, SSLSession session) {
        if (engine instanceof ReferenceCountedOpenSslEngine openSsl) {
            return openSslExporter(openSsl, session);
        }
        // The JDK's own exporter may refuse at call time, so it is asked now (a rare provider here).
        byte[] bytes = jdkExporter(session).orElse(null);
        return bytes == null ? null : () -> bytes;
    }

    private static Supplier<byte[]> openSslExporter(ReferenceCountedOpenSslEngine engine, SSLSession session) {
        if (!(session.getValue(ExporterSecretCapture.SESSION_KEY) instanceof ExporterSecret secret)) {
            return null;
        }
        byte[] clientRandom;
        // Holding the engine's lock keeps it from freeing the native SSL while we read from it.
        synchronized (engine) {
            long ssl = engine.sslPointer();
            clientRandom = ssl == 0 ? null : SSL.getClientRandom(ssl);
        }
        if (!secret.belongsTo(clientRandom)) {
            return null;
        }
        String cipherSuite = session.getCipherSuite();
        return () -> Tls13Exporter.export(secret.secret(), cipherSuite, EXPORTER_LABEL, new byte[0], EXPORTER_LENGTH);
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
        AlgorithmIdentifier digest = endPointDigest(certificate);
        return digest == null ? Optional.empty() : Optional.ofNullable(hash(digest, certificate));
    }

    /**
     * The hash RFC 5929 §4.1 uses for this certificate, or null where it is undefined; read from
     * the JDK's already-parsed signature algorithm, so it is cheap enough for every handshake.
     */
    static AlgorithmIdentifier endPointDigest(X509Certificate certificate) {
        try {
            ASN1ObjectIdentifier signatureOid = new ASN1ObjectIdentifier(certificate.getSigAlgOID());
            if (signatureOid.equals(EdECObjectIdentifiers.id_Ed25519)
                    || signatureOid.equals(EdECObjectIdentifiers.id_Ed448)) {
                return null;
            }
            byte[] params = certificate.getSigAlgParams();
            AlgorithmIdentifier signature = params == null
                    ? new AlgorithmIdentifier(signatureOid)
                    : new AlgorithmIdentifier(signatureOid, ASN1Primitive.fromByteArray(params));
            AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
            if (digest == null) {
                return null;
            }
            ASN1ObjectIdentifier digestOid = digest.getAlgorithm();
            if (digestOid.equals(PKCSObjectIdentifiers.md5) || digestOid.equals(OIWObjectIdentifiers.idSHA1)) {
                return new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
            }
            return digest;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hash(AlgorithmIdentifier digest, X509Certificate certificate) {
        try {
            DigestCalculator calculator = new JcaDigestCalculatorProviderBuilder().build().get(digest);
            calculator.getOutputStream().write(certificate.getEncoded());
            return calculator.getDigest();
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            return null;
        }
    }
}
