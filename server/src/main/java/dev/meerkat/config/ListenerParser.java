package dev.meerkat.config;

import dev.meerkat.config.C2sListenerConfig.TlsMode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code [[listen.c2s]]}; {@code [[listen.http]]} is read by {@link HttpListenerParser}. */
final class ListenerParser {
    private static final SequencedSet<String> TLS_MODES =
            new LinkedHashSet<>(List.of("starttls", "starttls_required", "tls"));
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private ListenerParser() {
    }

    private record Bound(InetAddress address, String ip, int port, String path) {}

    static List<C2sListenerConfig> parse(TomlOptions section, Map<String, ShaperConfig> shapers, Path workingDir) {
        List<C2sListenerConfig> listeners = new ArrayList<>();
        List<Bound> bound = new ArrayList<>();
        for (Options o : section.tableList("c2s")) {
            TomlOptions entry = (TomlOptions) o;
            C2sListenerConfig c2s = c2s(entry, shapers, workingDir);
            InetAddress address = ipLiteral(c2s.ipAddress());
            for (Bound other : bound) {
                if (other.port == c2s.port() && overlap(other.address, address)) {
                    throw entry.error("port", "port " + c2s.port() + " on " + c2s.ipAddress()
                            + " is already used by " + other.path + " (" + other.ip + ")");
                }
            }
            bound.add(new Bound(address, c2s.ipAddress(), c2s.port(), entry.path()));
            listeners.add(c2s);
        }
        return List.copyOf(listeners);
    }

    private static C2sListenerConfig c2s(TomlOptions entry, Map<String, ShaperConfig> shapers, Path workingDir) {
        int port = entry.requiredInteger("port", 1, 65535);
        String ip = entry.string("ip_address", "0.0.0.0");
        if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.substring(1, ip.length() - 1);
        if (ipLiteral(ip) == null) {
            throw entry.error("ip_address", "expected an IPv4 or IPv6 address, got " + TomlOptions.quote(ip));
        }

        TomlOptions tls = entry.table("tls");
        TlsMode mode = TlsMode.valueOf(tls.oneOf("mode", TLS_MODES, "starttls").toUpperCase(Locale.ROOT));
        Path cert = GeneralParser.path(tls, "certfile", null, workingDir);
        Path key = GeneralParser.path(tls, "keyfile", null, workingDir);
        if (cert != null && key == null) throw tls.error("certfile", "tls.keyfile must be set too");
        if (key != null && cert == null) throw tls.error("keyfile", "tls.certfile must be set too");

        int maxStanzaSize = entry.integer("max_stanza_size", 65536, 1024, 16 * 1024 * 1024);
        String shaper = entry.string("shaper", null);
        if (shaper != null && !shapers.containsKey(shaper)) {
            throw entry.error("shaper", "no [shaper." + shaper + "] is defined"
                    + (shapers.isEmpty() ? "" : " (defined: " + String.join(", ", shapers.keySet()) + ")"));
        }
        // Up to a day: test harnesses keep an unauthenticated stream open for a whole run.
        Duration stateTimeout = Duration.ofMillis(entry.integer("state_timeout", 60_000, 1_000, 86_400_000));
        int maxConnections = entry.integer("max_connections", 10_000, 1, 1_000_000);
        int backlog = entry.integer("backlog", 1024, 1, 65535);
        boolean plainWithoutTls = entry.bool("allow_plain_without_tls", false);
        return new C2sListenerConfig(port, ip, mode, cert, key, maxStanzaSize, shaper, stateTimeout,
                maxConnections, backlog, plainWithoutTls);
    }

    // A wildcard address takes the port on every address (Linux sockets are dual-stack by default).
    private static boolean overlap(InetAddress a, InetAddress b) {
        return a.equals(b) || a.isAnyLocalAddress() || b.isAnyLocalAddress();
    }

    /** The address for an IP literal, null for anything else; never resolves a name. */
    static InetAddress ipLiteral(String s) {
        Matcher v4 = IPV4.matcher(s);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) return null;
            }
        } else if (!s.contains(":") || !IPV6.matcher(s).matches()) {
            return null;
        }
        try {
            // Only literals get here, which InetAddress parses without a DNS lookup.
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
