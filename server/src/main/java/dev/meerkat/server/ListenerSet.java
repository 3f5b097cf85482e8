package dev.meerkat.server;

import dev.meerkat.c2s.C2sEnvironment;
import dev.meerkat.c2s.ClientSession;
import dev.meerkat.c2s.bosh.BoshEndpoint;
import dev.meerkat.c2s.tcp.C2sListener;
import dev.meerkat.c2s.ws.WebSocketEndpoint;
import dev.meerkat.config.C2sListenerConfig;
import dev.meerkat.config.HttpListenerConfig;
import dev.meerkat.config.ServerConfig;
import dev.meerkat.http.HttpEndpoint;
import dev.meerkat.http.HttpListener;
import dev.meerkat.metrics.XmppMetrics;
import dev.meerkat.tls.CertificateFiles;
import dev.meerkat.tls.SelfSignedCertificates;
import dev.meerkat.tls.TlsContexts;
import dev.meerkat.xml.ParserLimits;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.handler.ssl.SslContext;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Every client listener of the node ({@code [[listen.c2s]]} and {@code [[listen.http]]}), built
 * from the configuration with their TLS contexts (a listener without its own certificate shares
 * the generated self-signed one).
 */
final class ListenerSet implements AutoCloseable {
    private final ServerConfig config;
    private final C2sEnvironment shared;
    private final TlsContexts tls = new TlsContexts();
    private final Path selfSignedDir;
    private final SecureRandom random = new SecureRandom();
    private final List<C2sListener> c2s = new ArrayList<>();
    private final List<HttpListener> http = new ArrayList<>();
    private final List<BoshEndpoint> bosh = new ArrayList<>();
    private final XmppMetrics metrics;
    private SslContext selfSigned;

    /**
     * @param shared  what all sessions share; per-listener settings are replaced for each listener
     * @param metrics counts each listener's connections and bytes
     */
    ListenerSet(ServerConfig config, C2sEnvironment shared, Path selfSignedDir, XmppMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.shared = shared;
        this.selfSignedDir = selfSignedDir;
    }

    void start(EventLoopGroup boss, EventLoopGroup workers, Class<? extends ServerChannel> channelType) throws InterruptedException {
        for (C2sListenerConfig lc : config.c2sListeners()) {
            C2sEnvironment env = environment(lc.stateTimeout(), lc.allowPlainWithoutTls(),
                    lc.tlsMode() == C2sListenerConfig.TlsMode.STARTTLS_REQUIRED);
            String name = "c2s:" + lc.port();
            C2sListener listener = new C2sListener(lc, env, sslContext(lc.certFile(), lc.keyFile()),
                    lc.shaper() == null ? null : config.shapers().get(lc.shaper()), () -> metrics.trafficHandler(name, false));
            listener.start(boss, workers, channelType);
            metrics.listenerConnections(name, listener::connections);
            c2s.add(listener);
        }
        for (HttpListenerConfig hc : config.httpListeners()) {
            boolean https = hc.tlsMode() == HttpListenerConfig.TlsMode.TLS;
            String name = "http:" + hc.port();
            HttpListener listener = new HttpListener(hc, https ? sslContext(hc.certFile(), hc.keyFile()) : null, endpoints(hc, https),
                    () -> metrics.trafficHandler(name, true));
            listener.start(boss, workers, channelType);
            metrics.listenerConnections(name, listener::connections);
            http.add(listener);
        }
    }

    /** The paths an HTTP listener serves. */
    private List<HttpEndpoint> endpoints(HttpListenerConfig hc, boolean https) {
        // No STARTTLS over HTTP: "TLS required" cannot apply, the listener's tls.mode decides.
        C2sEnvironment env = environment(hc.stateTimeout(), hc.allowPlainWithoutTls(), false);
        ParserLimits limits = new ParserLimits(hc.maxStanzaSize(), ParserLimits.DEFAULT.maxDepth(), ParserLimits.DEFAULT.maxAttributes());
        List<HttpEndpoint> endpoints = new ArrayList<>();
        if (hc.websocket() != null) {
            endpoints.add(new WebSocketEndpoint(hc.websocket(), limits, https, t -> {
                metrics.webSocketSessionOpened();
                return new ClientSession(env, t, newStreamId());
            }));
        }
        if (hc.bosh() != null) {
            BoshEndpoint b = new BoshEndpoint(hc.bosh(), limits, https, t -> new ClientSession(env, t, newStreamId()), env.scheduler());
            bosh.add(b);
            metrics.boshEndpoint("http:" + hc.port(), b.counters());
            endpoints.add(b);
        }
        return endpoints;
    }

    private C2sEnvironment environment(Duration stateTimeout, boolean allowPlain, boolean tlsRequired) {
        C2sEnvironment s = shared;
        return new C2sEnvironment(s.hosts(), s.router(), s.sessions(), s.credentials(), s.mechanisms(), s.throttle(),
                s.maxAuthRetries(), stateTimeout, allowPlain, tlsRequired, s.executor(), s.scheduler(), s.nodeName(), s.events());
    }

    private SslContext sslContext(Path certFile, Path keyFile) {
        if (certFile != null) return tls.serverContext(certFile, keyFile);
        if (selfSigned == null) {
            CertificateFiles files = new SelfSignedCertificates().ensure(selfSignedDir, config.general().hosts());
            selfSigned = tls.serverContext(files.certificateChain(), files.privateKey());
        }
        return selfSigned;
    }

    private String newStreamId() {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    List<Integer> c2sPorts() { return c2s.stream().map(C2sListener::port).toList(); }

    List<Integer> httpPorts() { return http.stream().map(HttpListener::port).toList(); }

    @Override
    public void close() {
        for (C2sListener l : c2s) l.close();
        for (HttpListener l : http) l.close();
        for (BoshEndpoint b : bosh) b.close();
    }

    /** The BOSH endpoints, for their counters. */
    List<BoshEndpoint> boshEndpoints() { return List.copyOf(bosh); }
}
