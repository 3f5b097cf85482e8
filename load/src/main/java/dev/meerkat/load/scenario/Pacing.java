package dev.meerkat.load.scenario;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/** The fixed-rate send loop and the grace wait that the message scenarios share. */
final class Pacing {
    /** Sends are topped up once per tick, so the rate holds without a timer per message. */
    private static final long TICK_NANOS = 1_000_000;

    private Pacing() {}

    /**
     * Calls {@code send} with sequence numbers 0, 1, ... at {@code rate} per second from the
     * measurement's start, until {@code duration} is over or {@code capacity} are sent.
     *
     * @return how many were sent
     */
    static long sendAtRate(Measurement m, double rate, Duration duration, long capacity, LongConsumer send)
            throws InterruptedException {
        long durationNanos = duration.toNanos();
        long sent = 0;
        while (m.elapsedNanos() < durationNanos && sent < capacity) {
            long due = Math.min(capacity, (long) (rate * m.elapsedNanos() / 1e9) + 1);
            while (sent < due) send.accept(sent++);
            LockSupport.parkNanos(TICK_NANOS);
            if (Thread.interrupted()) throw new InterruptedException();
        }
        return sent;
    }

    /** How many messages a warm-up of {@code warmup} at {@code rate} sends. */
    static long warmupCount(double rate, Duration warmup) {
        return (long) Math.floor(rate * warmup.toNanos() / 1e9);
    }

    /**
     * Sends sequence numbers 0 .. {@code count - 1} at {@code rate}, unmeasured: the JIT of both
     * ends, the session's buffers and the heap's sizing settle before the figures start, and the
     * measured phase follows without a gap (its numbers start at {@code count}).
     */
    static void warmUp(Measurement clock, double rate, long count, LongConsumer send) throws InterruptedException {
        if (count <= 0) return;
        clock.start();
        sendAtRate(clock, rate, Duration.ofNanos(Long.MAX_VALUE), count, send);
    }

    /** Waits up to {@code grace} for {@code delivered} to reach {@code expected}. */
    static void awaitDeliveries(LongSupplier delivered, long expected, Duration grace) throws InterruptedException {
        long end = System.nanoTime() + grace.toNanos();
        while (delivered.getAsLong() < expected && System.nanoTime() < end) Thread.sleep(20);
    }
}
