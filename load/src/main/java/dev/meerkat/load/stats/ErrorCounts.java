package dev.meerkat.load.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Failures by kind ("connect", "sasl:not-authorized", "stream-error:conflict", "timeout", ...). */
public final class ErrorCounts {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void add(String kind) { counts.computeIfAbsent(kind, k -> new LongAdder()).increment(); }

    public long total() { return counts.values().stream().mapToLong(LongAdder::sum).sum(); }

    public long get(String kind) {
        LongAdder a = counts.get(kind);
        return a == null ? 0 : a.sum();
    }

    /** "kind=n;kind=n" sorted by kind, or "none". */
    public String summary() {
        if (counts.isEmpty()) return "none";
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        StringBuilder b = new StringBuilder();
        sorted.forEach((k, v) -> b.append(b.isEmpty() ? "" : ";").append(k).append('=').append(v));
        return b.toString();
    }
}
