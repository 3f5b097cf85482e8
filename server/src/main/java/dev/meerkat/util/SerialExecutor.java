package dev.meerkat.util;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in submission order, on a shared executor (virtual threads in the
 * server). Each session owns one, so its stanzas are processed in order while blocking work
 * (storage, auth) never runs on a Netty event loop. A drain runs every queued task, then calls the
 * {@code afterDrain} action once (the session flushes its socket there, batching writes).
 *
 * <p>{@link #executeOrRun} lets a caller that may block (another session's virtual thread) run the
 * task itself when this executor is idle, saving a thread hand-off; it still holds the executor's
 * single drainer role while doing so, so order and mutual exclusion are the same as for
 * {@link #execute}.
 */
public final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
    // An inline drain runs on someone else's thread: it takes only a few tasks before it hands the
    // rest to the delegate, so a busy recipient cannot hold its sender for long.
    private static final int INLINE_LIMIT = 8;

    private final Executor delegate;
    private final Runnable afterDrain;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private int roundDone;  // drainer only: tasks finished in the round whose afterDrain is running
    private final Runnable drain = () -> drain(null);

    public SerialExecutor(Executor delegate, Runnable afterDrain) {
        this.delegate = delegate;
        this.afterDrain = afterDrain;
    }

    @Override
    public void execute(Runnable task) {
        // Count first, then queue: pending may run ahead of the queue but never behind it. Queued
        // first, a drainer could run the task and subtract it before it was counted, letting pending
        // touch zero while a drain is still active, and a second drainer start beside it.
        int before = pending.getAndIncrement();
        queue.add(task);
        if (before == 0) delegate.execute(drain);
    }

    /**
     * Like {@link #execute}, but when nothing is queued or running the task runs at once on the
     * calling thread (followed by {@code afterDrain}); only for callers that may block.
     */
    public void executeOrRun(Runnable task) {
        if (pending.compareAndSet(0, 1)) drain(task);
        else execute(task);
    }

    /** Tasks queued or running. */
    public int pending() { return pending.get(); }

    /**
     * From {@code afterDrain}: tasks submitted since the drain found its queue empty (the tasks it
     * has just finished are no longer counted).
     */
    public int queuedBehindDrain() { return pending.get() - roundDone; }

    /** @param first a task to run before the queue, whose count is already in {@code pending} (inline mode) */
    private void drain(Runnable first) {
        boolean inline = first != null;
        int done = 0;
        if (inline) {
            run(first);
            done++;
        }
        while (true) {
            Runnable task = inline && done >= INLINE_LIMIT ? null : queue.poll();
            if (task == null) {
                // pending counts tasks submitted but not yet finished; only the drainer decrements it
                roundDone = done;
                flush();
                roundDone = 0;
                if (pending.addAndGet(-done) == 0) return;
                if (inline) {
                    // the rest goes to the delegate; pending > 0 keeps any other drain from starting
                    delegate.execute(drain);
                    return;
                }
                if (done == 0) Thread.onSpinWait();  // a submitter has counted its task but not queued it yet
                done = 0;
                continue;
            }
            run(task);
            done++;
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            log.error("task failed", t);
        }
    }

    private void flush() {
        try {
            afterDrain.run();
        } catch (Throwable t) {
            log.error("after-drain action failed", t);
        }
    }
}
