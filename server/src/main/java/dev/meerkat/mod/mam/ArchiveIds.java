package dev.meerkat.mod.mam;

import java.time.Clock;
import java.time.Instant;

/**
 * Archive ids: 64-bit numbers that sort in arrival order and carry their own timestamp. The upper
 * 43 bits are Unix milliseconds, the lower 20 a counter within the millisecond, so one generator
 * hands out up to a million ids a millisecond before it borrows from the next one. Start and end
 * times of a query become id bounds, which is why the table needs no separate timestamp index.
 *
 * <p>On the wire an id is 13 characters of Crockford base-32 (lower case), fixed width so that the
 * strings sort like the numbers.
 */
public final class ArchiveIds {
    static final int COUNTER_BITS = 20;
    private static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;
    private static final String DIGITS = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int WIDTH = 13;

    private final Clock clock;
    private long last;

    public ArchiveIds(Clock clock) {
        this.clock = clock;
    }

    /** A new id, greater than every id this generator gave before, even if the clock went back. */
    public synchronized long next() {
        long candidate = clock.millis() << COUNTER_BITS;
        last = Math.max(candidate, last + 1);
        return last;
    }

    /** The millisecond the id was made in. */
    public static Instant timestamp(long id) {
        return Instant.ofEpochMilli(id >>> COUNTER_BITS);
    }

    /** The smallest id that could have been made at or after {@code t}. */
    public static long lowestAt(Instant t) {
        long ms = t.toEpochMilli();
        return ms <= 0 ? 0 : ms << COUNTER_BITS;
    }

    /** The greatest id that could have been made at or before {@code t} (its millisecond included). */
    public static long highestAt(Instant t) {
        long ms = t.toEpochMilli();
        if (ms < 0) return -1;
        if (ms >= (Long.MAX_VALUE >>> COUNTER_BITS)) return Long.MAX_VALUE;
        return (ms << COUNTER_BITS) | COUNTER_MASK;
    }

    public static String format(long id) {
        char[] out = new char[WIDTH];
        long v = id;
        for (int i = WIDTH - 1; i >= 0; i--) {
            out[i] = DIGITS.charAt((int) (v & 31));
            v >>>= 5;
        }
        return new String(out);
    }

    /**
     * Reads an id made by {@link #format}.
     *
     * @throws IllegalArgumentException if the text is not one
     */
    public static long parse(String text) {
        if (text == null || text.length() != WIDTH) throw new IllegalArgumentException("not an archive id: " + text);
        long v = 0;
        for (int i = 0; i < WIDTH; i++) {
            int d = DIGITS.indexOf(text.charAt(i));
            if (d < 0) throw new IllegalArgumentException("not an archive id: " + text);
            v = (v << 5) | d;
        }
        // 13 digits hold 65 bits: the top digit may only use its lowest 3 (a non-negative long)
        if (DIGITS.indexOf(text.charAt(0)) > 7) throw new IllegalArgumentException("not an archive id: " + text);
        return v;
    }
}
