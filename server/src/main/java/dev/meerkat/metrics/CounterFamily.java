package dev.meerkat.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One counter name with one label over a fixed set of values (plus "other"), created up front so
 * that counting on a hot path is a map read and an add, with no registry look-up.
 */
final class CounterFamily {
    private final Map<String, Counter> counters;
    private final Counter other;

    CounterFamily(MeterRegistry registry, String name, String description, String label, Set<String> values) {
        Map<String, Counter> m = new HashMap<>();
        for (String v : values) m.put(v, counter(registry, name, description, label, v));
        this.other = m.computeIfAbsent("other", v -> counter(registry, name, description, label, v));
        this.counters = Map.copyOf(m);
    }

    private static Counter counter(MeterRegistry registry, String name, String description, String label, String value) {
        return Counter.builder(name).description(description).tag(label, value).register(registry);
    }

    void increment(String value) { get(value).increment(); }

    void increment(String value, double amount) { get(value).increment(amount); }

    Counter get(String value) {
        Counter c = value == null ? null : counters.get(value);
        return c == null ? other : c;
    }
}
