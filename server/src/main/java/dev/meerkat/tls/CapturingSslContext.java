package dev.meerkat.tls;

import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import javax.net.ssl.SSLEngine;

/** A BoringSSL context whose every new engine is registered for exporter-secret capture. */
final class CapturingSslContext extends DelegatingSslContext {
    private final ExporterSecretCapture capture;

    private CapturingSslContext(SslContext context, ExporterSecretCapture capture) {
        super(context);
        this.capture = capture;
    }

    /**
     * @throws IllegalStateException if the capture cannot be installed (see
     *                               {@link ExporterSecretCapture#install})
     */
    static SslContext wrap(SslContext openSslContext) {
        return new CapturingSslContext(openSslContext, ExporterSecretCapture.install(openSslContext));
    }

    @Override
    protected void initEngine(SSLEngine engine) {
        capture.register(engine);
    }
}
