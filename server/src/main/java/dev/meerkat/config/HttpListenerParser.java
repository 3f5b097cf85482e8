package dev.meerkat.config;

import dev.meerkat.config.HttpListenerConfig.BoshConfig;
import dev.meerkat.config.HttpListenerConfig.TlsMode;
import dev.meerkat.config.HttpListenerConfig.WebSocketConfig;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SequencedSet;
import java.util.regex.Pattern;

/** {@code [[listen.http]]} entries; ports must not collide with each other nor with {@code [[listen.c2s]]}. */
final class HttpListenerParser {
    private static final SequencedSet<String> TLS_MODES = new LinkedHashSet<>(List.of("none", "tls"));
    /** An absolute path of plain segments: routing compares paths exactly, so no queries or escapes. */
    private static final Pattern HTTP_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final int MIN_FRAME = 1024;
    private static final int MAX_FRAME = 32 * 1024 * 1024;

    private HttpListenerParser() {
    }

    private record Bound(InetAddress address, String ip, int port, String path) {}

    static List<HttpListenerConfig> parse(TomlOptions section, List<C2sListenerConfig> c2s, Path workingDir) {
        List<Bound> bound = new ArrayList<>();
        for (C2sListenerConfig l : c2s) {
            bound.add(new Bound(ListenerParser.ipLiteral(l.ipAddress()), l.ipAddress(), l.port(), "a [[listen.c2s]] entry"));
        }
        List<HttpListenerConfig> listeners = new ArrayList<>();
        for (Options o : section.tableList("http")) {
            TomlOptions entry = (TomlOptions) o;
            HttpListenerConfig http = http(entry, workingDir);
            InetAddress address = ListenerParser.ipLiteral(http.ipAddress());
            for (Bound other : bound) {
                if (other.port == http.port() && overlap(other.address, address)) {
                    throw entry.error("port", "port " + http.port() + " on " + http.ipAddress()
                            + " is already used by " + other.path + " (" + other.ip + ")");
                }
            }
            bound.add(new Bound(address, http.ipAddress(), http.port(), entry.path()));
            listeners.add(http);
        }
        return List.copyOf(listeners);
    }

    private static HttpListenerConfig http(TomlOptions entry, Path workingDir) {
        int port = entry.requiredInteger("port", 1, 65535);
        String ip = entry.string("ip_address", "0.0.0.0");
        if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.substring(1, ip.length() - 1);
        if (ListenerParser.ipLiteral(ip) == null) {
            throw entry.error("ip_address", "expected an IPv4 or IPv6 address, got " + TomlOptions.quote(ip));
        }

        TomlOptions tls = entry.table("tls");
        TlsMode mode = TlsMode.valueOf(tls.oneOf("mode", TLS_MODES, "none").toUpperCase(Locale.ROOT));
        Path cert = GeneralParser.path(tls, "certfile", null, workingDir);
        Path key = GeneralParser.path(tls, "keyfile", null, workingDir);
        if (cert != null && key == null) throw tls.error("certfile", "tls.keyfile must be set too");
        if (key != null && cert == null) throw tls.error("keyfile", "tls.certfile must be set too");

        int maxStanzaSize = entry.integer("max_stanza_size", 65536, 1024, 16 * 1024 * 1024);
        Duration stateTimeout = Duration.ofMillis(entry.integer("state_timeout", 60_000, 1_000, 86_400_000));
        int maxConnections = entry.integer("max_connections", 10_000, 1, 1_000_000);
        int backlog = entry.integer("backlog", 1024, 1, 65535);
        boolean plainWithoutTls = entry.bool("allow_plain_without_tls", false);

        // Without a handlers table the listener serves WebSocket with its defaults: a listener
        // with nothing behind it would be pointless.
        boolean defaultHandlers = !entry.has("handlers");
        TomlOptions handlers = entry.table("handlers");
        WebSocketConfig ws = defaultHandlers || handlers.has("websocket")
                ? websocket(handlers.table("websocket"), maxStanzaSize) : null;
        BoshConfig bosh = handlers.has("bosh") ? bosh(handlers.table("bosh")) : null;
        if (ws != null && bosh != null && ws.path().equals(bosh.path())) {
            throw handlers.table("bosh").error("path", "is the same as handlers.websocket.path (" + ws.path() + ")");
        }
        return new HttpListenerConfig(port, ip, mode, cert, key, maxStanzaSize, stateTimeout, maxConnections,
                backlog, plainWithoutTls, ws, bosh);
    }

    private static WebSocketConfig websocket(TomlOptions ws, int maxStanzaSize) {
        String path = ws.string("path", "/ws-xmpp");
        if (!HTTP_PATH.matcher(path).matches()) {
            throw ws.error("path", "expected an absolute path such as \"/ws-xmpp\", got " + TomlOptions.quote(path));
        }
        // The default leaves room for the framing around a stanza of max_stanza_size.
        int maxFrame = ws.integer("max_frame_size", Math.min(maxStanzaSize + 4096, MAX_FRAME), MIN_FRAME, MAX_FRAME);
        Duration ping = ws.seconds("ping_interval", Duration.ofSeconds(30));
        Duration idle = ws.seconds("idle_timeout", Duration.ofSeconds(300));
        if (ping.isZero()) throw ws.error("ping_interval", "must be at least 1 second");
        if (idle.compareTo(ping) <= 0) {
            throw ws.error("idle_timeout", "must be longer than ping_interval (" + ping.toSeconds() + " s), got " + idle.toSeconds() + " s");
        }
        return new WebSocketConfig(path, maxFrame, ping, idle);
    }

    private static BoshConfig bosh(TomlOptions b) {
        String path = b.string("path", "/http-bind");
        if (!HTTP_PATH.matcher(path).matches()) {
            throw b.error("path", "expected an absolute path such as \"/http-bind\", got " + TomlOptions.quote(path));
        }
        Duration maxWait = positiveSeconds(b, "max_wait", 60);
        int maxHold = b.integer("max_hold", 1, 0, 100);
        int maxRequests = b.integer("max_requests", 2, 1, 101);
        Duration inactivity = positiveSeconds(b, "inactivity", 30);
        Duration maxPause = b.seconds("max_pause", Duration.ofSeconds(120));
        Duration lifetime = b.has("max_session_lifetime") ? positiveSeconds(b, "max_session_lifetime", 0) : null;
        String origin = b.table("cors").string("allow_origin", "*");
        if (origin.isBlank() || origin.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw b.table("cors").error("allow_origin", "expected \"*\" or an origin such as \"https://chat.example.com\", got " + TomlOptions.quote(origin));
        }
        return new BoshConfig(path, maxWait, maxHold, maxRequests, inactivity, maxPause, lifetime, origin);
    }

    private static Duration positiveSeconds(TomlOptions o, String key, long defaultSeconds) {
        Duration d = o.seconds(key, Duration.ofSeconds(defaultSeconds));
        if (d.isZero()) throw o.error(key, "must be at least 1 second");
        return d;
    }

    // A wildcard address takes the port on every address (Linux sockets are dual-stack by default).
    private static boolean overlap(InetAddress a, InetAddress b) {
        return a.equals(b) || a.isAnyLocalAddress() || b.isAnyLocalAddress();
    }
}
