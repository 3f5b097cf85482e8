package dev.meerkat.config;

import java.net.InetAddress;

/** {@code [admin_api]} and {@code [metrics]}: the operator-facing listeners. */
final class OpsParser {
    private OpsParser() {
    }

    static AdminApiConfig adminApi(TomlOptions s) {
        boolean enabled = s.bool("enabled", true);
        String ip = ip(s, AdminApiConfig.DEFAULT.ipAddress());
        int port = s.integer("port", AdminApiConfig.DEFAULT.port(), 0, 65535);
        String user = emptyToNull(s.string("username", null));
        String password = emptyToNull(s.string("password", null));
        if (user != null && password == null) throw s.error("password", "must be set when admin_api.username is");
        if (password != null && user == null) throw s.error("username", "must be set when admin_api.password is");
        // Anyone who can reach the port could manage every account: off loopback, credentials are a must.
        if (enabled && user == null && !ListenerParser.ipLiteral(ip).isLoopbackAddress()) {
            throw s.error("username", "admin_api.username and admin_api.password are required"
                    + " when the admin API listens on a non-loopback address (" + ip + ")");
        }
        return new AdminApiConfig(enabled, ip, port, user, password);
    }

    static MetricsConfig metrics(TomlOptions s) {
        return new MetricsConfig(s.bool("enabled", true), ip(s, MetricsConfig.DEFAULT.ipAddress()),
                s.integer("port", MetricsConfig.DEFAULT.port(), 0, 65535));
    }

    private static String ip(TomlOptions s, String defaultValue) {
        String ip = s.string("ip_address", defaultValue);
        if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.substring(1, ip.length() - 1);
        InetAddress address = ListenerParser.ipLiteral(ip);
        if (address == null) throw s.error("ip_address", "expected an IPv4 or IPv6 address, got " + TomlOptions.quote(ip));
        return ip;
    }

    private static String emptyToNull(String s) { return s == null || s.isEmpty() ? null : s; }
}
