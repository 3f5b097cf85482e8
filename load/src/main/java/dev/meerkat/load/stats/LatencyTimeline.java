package dev.meerkat.load.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies grouped by the second (since the measurement's start) in which each message was sent:
 * how many, how many over 10 and 100 ms, and the worst. A percentile over the whole run says that a
 * tail exists; this says whether it is spread evenly (scheduling, per-message cost) or comes in
 * bursts (a pause, a stall), and when, to line it up with GC and CPU logs.
 */
public final class LatencyTimeline {
    private static final long SLOW = 10_000_000;
    private static final long VERY_SLOW = 100_000_000;

    private final int seconds;
    private final AtomicLongArray count;
    private final AtomicLongArray slow;
    private final AtomicLongArray verySlow;
    private final AtomicLongArray max;
    private volatile long startNanos;

    public LatencyTimeline(int seconds) {
        this.seconds = Math.max(1, seconds);
        count = new AtomicLongArray(this.seconds);
        slow = new AtomicLongArray(this.seconds);
        verySlow = new AtomicLongArray(this.seconds);
        max = new AtomicLongArray(this.seconds);
    }

    /** The instant (System.nanoTime) that second 0 starts at. */
    public void start(long nanos) { startNanos = nanos; }

    public void record(long sentAtNanos, long latencyNanos) {
        long s = Math.floorDiv(sentAtNanos - startNanos, 1_000_000_000L);
        if (s < 0 || s >= seconds) return;
        int i = (int) s;
        count.incrementAndGet(i);
        if (latencyNanos > SLOW) slow.incrementAndGet(i);
        if (latencyNanos > VERY_SLOW) verySlow.incrementAndGet(i);
        max.accumulateAndGet(i, latencyNanos, Math::max);
    }

    /** One line per second that saw a message: {@code SECOND t=3 delivered=30000 over_10ms=12 over_100ms=0 max_ms=14.2}. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            if (count.get(i) == 0) continue;
            out.add(String.format(java.util.Locale.ROOT, "SECOND t=%d delivered=%d over_10ms=%d over_100ms=%d max_ms=%.2f",
                    i, count.get(i), slow.get(i), verySlow.get(i), max.get(i) / 1e6));
        }
        return out;
    }
}
