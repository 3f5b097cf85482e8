package dev.meerkat.load.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in nanoseconds, recorded lock-free from any thread into log-linear buckets: exact
 * below 64 ns, then 64 buckets per power of two, so any percentile is within 1/64 (1.6 %) of the
 * true value, in fixed memory however many samples come in. The maximum is exact.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = (63 - SUB_BITS + 1) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    public void record(long nanos) {
        long v = Math.max(0, nanos);
        counts.incrementAndGet(index(v));
        total.incrementAndGet();
        max.accumulateAndGet(v, Math::max);
    }

    public long count() { return total.get(); }

    public long max() { return max.get(); }

    /**
     * The smallest recorded value such that at least {@code percent} % of the samples are at or
     * below it, as the upper edge of its bucket (never above the exact maximum); 0 when empty.
     */
    public long percentile(double percent) {
        if (percent < 0 || percent > 100) throw new IllegalArgumentException("percent " + percent);
        long n = total.get();
        if (n == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) return Math.min(upperEdge(i), max.get());
        }
        return max.get();
    }

    static int index(long v) {
        if (v < SUB) return (int) v;
        int msb = 63 - Long.numberOfLeadingZeros(v);
        int shift = msb - SUB_BITS;
        int sub = (int) (v >>> shift);  // in [SUB, 2*SUB)
        return (shift + 1) * SUB + (sub - SUB);
    }

    static long upperEdge(int index) {
        if (index < SUB) return index;
        int shift = index / SUB - 1;
        long sub = SUB + index % SUB;
        return ((sub + 1) << shift) - 1;
    }
}
