package dev.meerkat.config;

/**
 * {@code [metrics]}: the Prometheus scrape endpoint ({@code /metrics}).
 *
 * @param enabled   {@code enabled}, default true
 * @param ipAddress {@code ip_address}, default {@code "127.0.0.1"}
 * @param port      {@code port}, default 9091 (0 picks a free port, for tests)
 */
public record MetricsConfig(boolean enabled, String ipAddress, int port) {
    public static final MetricsConfig DEFAULT = new MetricsConfig(true, "127.0.0.1", 9091);
}
