package dev.meerkat.tls;

import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.internal.tcnative.KeyLogCallback;
import io.netty.internal.tcnative.SSLContext;
import java.lang.reflect.Field;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * Gives BoringSSL engines their TLS 1.3 exporter secret, which netty-tcnative offers no call to read
 * or use. BoringSSL hands every secret of a handshake to an SSL_CTX key-log callback (the NSS key log
 * format, meant for Wireshark); this is such a callback; it keeps the
 * {@code EXPORTER_SECRET} line and drops everything else. The secret is stored as a value of the
 * engine's own {@link SSLSession} under {@link #SESSION_KEY}, so it lives and dies with the
 * connection and {@link TlsChannelBinding} can find it from an {@code SslHandler} alone.
 *
 * <p>The callback only knows the native SSL pointer, so engines are remembered by pointer from their
 * creation until their handshake logs its final secret. Entries of engines whose handshake never got
 * that far are held weakly and dropped once the engine has been collected.
 */
final class ExporterSecretCapture implements KeyLogCallback {
    static final String SESSION_KEY = "dev.meerkat.tls.exporter-secret";

    private final ConcurrentMap<Long, EngineRef> handshaking = new ConcurrentHashMap<>();
    private final ReferenceQueue<SSLEngine> collected = new ReferenceQueue<>();

    private ExporterSecretCapture() {}

    /**
     * Installs the capture as the key-log callback of a context built with the OpenSSL provider (the
     * callback is per native context). Engines of the context must then be {@link #register}ed.
     *
     * @throws IllegalStateException if this Netty version hides its native context handle
     */
    static ExporterSecretCapture install(SslContext context) {
        if (!(context instanceof ReferenceCountedOpenSslContext openSsl)) {
            throw new IllegalArgumentException("not an OpenSSL context: " + context.getClass().getName());
        }
        ExporterSecretCapture capture = new ExporterSecretCapture();
        if (!SSLContext.setKeyLogCallback(tcnativeContext(openSsl), capture)) {
            throw new IllegalStateException("the OpenSSL library refused a key-log callback");
        }
        return capture;
    }

    /**
     * netty-tcnative's SSLContext calls take its own context handle, which Netty keeps in the
     * protected field {@code ctx}; the public {@code sslCtxPointer()} is the raw SSL_CTX and must not
     * be passed (that crashes the JVM). Reflection works because Netty's packages are open to us
     * (class path, or an automatic module).
     */
    private static long tcnativeContext(ReferenceCountedOpenSslContext context) {
        try {
            Field field = ReferenceCountedOpenSslContext.class.getDeclaredField("ctx");
            if (field.getType() != long.class) {
                throw new IllegalStateException("unexpected type of ReferenceCountedOpenSslContext.ctx");
            }
            field.setAccessible(true);
            long handle = field.getLong(context);
            if (handle == 0) {
                throw new IllegalStateException("OpenSSL context already released");
            }
            return handle;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reach the native handle of Netty's OpenSSL context", e);
        }
    }

    /** Remembers a new engine of the context until its handshake has logged its secrets. */
    void register(SSLEngine engine) {
        forgetCollected();
        if (engine instanceof ReferenceCountedOpenSslEngine openSsl) {
            long ssl = openSsl.sslPointer();
            handshaking.put(ssl, new EngineRef(engine, ssl, collected));
        }
    }

    /** Called by BoringSSL, on the thread running the handshake, for each secret it derives. */
    @Override
    public void handle(long ssl, byte[] line) {
        String[] fields = new String(line, StandardCharsets.US_ASCII).trim().split(" ");
        if (fields.length != 3) {
            return;
        }
        switch (fields[0]) {
            case "EXPORTER_SECRET" -> {
                EngineRef ref = handshaking.remove(ssl);
                SSLEngine engine = ref == null ? null : ref.get();
                if (engine != null) {
                    HexFormat hex = HexFormat.of();
                    session(engine).putValue(SESSION_KEY,
                            new ExporterSecret(hex.parseHex(fields[1]), hex.parseHex(fields[2])));
                }
            }
            // The only line of a TLS 1.2 handshake: no exporter secret will follow.
            case "CLIENT_RANDOM" -> handshaking.remove(ssl);
            default -> { }
        }
    }

    private static SSLSession session(SSLEngine engine) {
        SSLSession handshakeSession = engine.getHandshakeSession();
        return handshakeSession != null ? handshakeSession : engine.getSession();
    }

    private void forgetCollected() {
        for (Reference<? extends SSLEngine> ref = collected.poll(); ref != null; ref = collected.poll()) {
            EngineRef engineRef = (EngineRef) ref;
            handshaking.remove(engineRef.ssl, engineRef);
        }
    }

    private static final class EngineRef extends WeakReference<SSLEngine> {
        final long ssl;

        EngineRef(SSLEngine engine, long ssl, ReferenceQueue<SSLEngine> queue) {
            super(engine, queue);
            this.ssl = ssl;
        }
    }
}
