package dev.meerkat.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One {@code [[listen.http]]} entry: an HTTP server whose paths lead to XMPP transports
 * (WebSocket, RFC 7395; BOSH can be added as another handler).
 *
 * @param port                 required, 1..65535
 * @param ipAddress            {@code ip_address}, default {@code "0.0.0.0"}
 * @param tlsMode              {@code tls.mode}: {@code none} (default, plain HTTP) or {@code tls} (HTTPS)
 * @param certFile             {@code tls.certfile}, PEM chain; null means the generated self-signed certificate
 * @param keyFile              {@code tls.keyfile}, PEM PKCS#8 key; required when certfile is set
 * @param maxStanzaSize        {@code max_stanza_size} in bytes, default 65536 (1024..16 MiB)
 * @param stateTimeout         {@code state_timeout} (milliseconds in TOML): time to authenticate and bind, default 60 s
 * @param maxConnections       {@code max_connections}, default 10000
 * @param backlog              {@code backlog}, default 1024
 * @param allowPlainWithoutTls {@code allow_plain_without_tls}: offer SASL PLAIN on plain HTTP, default false
 * @param websocket            {@code handlers.websocket}, or null when the listener serves no WebSocket
 */
public record HttpListenerConfig(int port, String ipAddress, TlsMode tlsMode, Path certFile, Path keyFile,
                                 int maxStanzaSize, Duration stateTimeout, int maxConnections, int backlog,
                                 boolean allowPlainWithoutTls, WebSocketConfig websocket) {
    public enum TlsMode { NONE, TLS }

    /**
     * {@code handlers.websocket}.
     *
     * @param path         {@code path}, default {@code "/ws-xmpp"}
     * @param maxFrameSize {@code max_frame_size} in bytes of one WebSocket message, default max_stanza_size + 4096
     * @param pingInterval {@code ping_interval} (seconds): a WebSocket ping after this long without input, default 30 s
     * @param idleTimeout  {@code idle_timeout} (seconds): the connection closes after this long without input, default 300 s
     */
    public record WebSocketConfig(String path, int maxFrameSize, Duration pingInterval, Duration idleTimeout) {}
}
