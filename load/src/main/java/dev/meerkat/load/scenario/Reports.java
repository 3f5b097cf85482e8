package dev.meerkat.load.scenario;

import dev.meerkat.load.LoadConfig;
import dev.meerkat.load.stats.LatencyHistogram;

/** Fields every result starts with, and latency columns in milliseconds. */
final class Reports {
    private Reports() { }

    static RunResult header(String scenario, LoadConfig c) {
        return new RunResult()
                .put("scenario", scenario)
                .put("started", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .put("users", c.users())
                .put("tls", c.tls().name().toLowerCase(java.util.Locale.ROOT))
                .put("mechanism", c.mechanism().wireName())
                .put("rate", c.rate())
                .put("duration_s", c.duration().toMillis() / 1000.0)
                .put("warmup_s", c.warmup().toMillis() / 1000.0);
    }

    static void latency(RunResult r, String prefix, LatencyHistogram h) {
        r.put(prefix + "_p50_ms", h.percentile(50) / 1e6)
                .put(prefix + "_p95_ms", h.percentile(95) / 1e6)
                .put(prefix + "_p99_ms", h.percentile(99) / 1e6)
                .put(prefix + "_max_ms", h.max() / 1e6);
    }
}
