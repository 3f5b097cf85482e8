package dev.meerkat.metrics;

import dev.meerkat.module.HostContext;

import java.time.Duration;

/**
 * What a module counts, without depending on the meter registry: {@link XmppMetrics} provides
 * one per host ({@link HostContext#provide}) before modules start, and a module takes its meters
 * in {@code start()} so they are exported (at zero) as soon as it is enabled. Names are fixed
 * strings in code, never derived from traffic, so the set of series stays bounded.
 */
public interface ModuleMetrics {
    /** A monotonically growing count. */
    interface Count {
        void increment();
    }

    /** Durations of an operation (exported as a Prometheus summary in seconds). */
    interface Timing {
        void record(Duration d);
    }

    Count counter(String name, String description);

    Timing timer(String name, String description);

    /** For hosts without metrics (unit tests, tools): counts nothing. */
    ModuleMetrics NONE = new ModuleMetrics() {
        @Override public Count counter(String name, String description) { return () -> { }; }

        @Override public Timing timer(String name, String description) { return d -> { }; }
    };

    /** The host's metrics, or {@link #NONE} when the node has none. */
    static ModuleMetrics of(HostContext host) { return host.service(ModuleMetrics.class).orElse(NONE); }
}
