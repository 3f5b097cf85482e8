package dev.meerkat.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One {@code [[listen.http]]} entry: an HTTP server whose paths lead to XMPP transports
 * (WebSocket, RFC 7395; BOSH, XEP-0124/XEP-0206).
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
 * @param bosh                 {@code handlers.bosh}, or null when the listener serves no BOSH
 */
public record HttpListenerConfig(int port, String ipAddress, TlsMode tlsMode, Path certFile, Path keyFile,
                                 int maxStanzaSize, Duration stateTimeout, int maxConnections, int backlog,
                                 boolean allowPlainWithoutTls, WebSocketConfig websocket, BoshConfig bosh) {
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

    /**
     * {@code handlers.bosh} (XEP-0124, XEP-0206). The client asks for {@code wait}, {@code hold}
     * and a {@code pause}; the server grants at most these.
     *
     * @param path               {@code path}, default {@code "/http-bind"}
     * @param maxWait            {@code max_wait} (seconds): longest time a request is held, default 60 s
     * @param maxHold            {@code max_hold}: most requests held at once, default 1
     * @param maxRequests        {@code max_requests}: most requests in flight at once, default 2 (at least max_hold + 1 is granted)
     * @param inactivity         {@code inactivity} (seconds) without any request before the session ends, default 30 s
     * @param maxPause           {@code max_pause} (seconds): longest pause a client may ask for, default 120 s
     * @param maxSessionLifetime {@code max_session_lifetime} (seconds), or null (default) for no limit
     * @param allowOrigin        {@code cors.allow_origin}: the Access-Control-Allow-Origin header, default {@code "*"}
     */
    public record BoshConfig(String path, Duration maxWait, int maxHold, int maxRequests, Duration inactivity,
                             Duration maxPause, Duration maxSessionLifetime, String allowOrigin) {}
}
