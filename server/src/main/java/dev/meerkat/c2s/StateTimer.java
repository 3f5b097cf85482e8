package dev.meerkat.c2s;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The handshake timer of one session: each step of progress moves the deadline, and a timer that
 * fires early re-arms itself for the rest, so a login schedules one timer instead of one per
 * element (cancelled timers would linger in the scheduler's queue until their delay). Used only
 * from the session's executor; the timer hands its expiry back to that executor.
 */
final class StateTimer {
    private final ScheduledExecutorService scheduler;
    private final Executor session;
    private final Duration limit;
    private final BooleanSupplier running;
    private final Runnable expired;
    private ScheduledFuture<?> timer;
    private long deadline;

    /**
     * @param running true while the timer applies (not yet bound, not closed)
     * @param expired what to do when the limit passes without progress
     */
    StateTimer(ScheduledExecutorService scheduler, Executor session, Duration limit, BooleanSupplier running, Runnable expired) {
        this.scheduler = scheduler;
        this.session = session;
        this.limit = limit;
        this.running = running;
        this.expired = expired;
    }

    /** The client made progress: it has another full limit from now. */
    void arm() {
        if (!running.getAsBoolean()) {
            cancel();
            return;
        }
        long delay = limit.toNanos();
        deadline = System.nanoTime() + delay;
        if (timer == null) schedule(delay);
    }

    void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void schedule(long delayNanos) {
        timer = scheduler.schedule(() -> session.execute(this::fired), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void fired() {
        timer = null;
        if (!running.getAsBoolean()) return;
        long left = deadline - System.nanoTime();
        if (left > 0) schedule(left);
        else expired.run();
    }
}
