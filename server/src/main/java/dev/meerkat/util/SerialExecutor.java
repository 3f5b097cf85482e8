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
 */
public final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final Runnable afterDrain;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    public SerialExecutor(Executor delegate, Runnable afterDrain) {
        this.delegate = delegate;
        this.afterDrain = afterDrain;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (pending.getAndIncrement() == 0) delegate.execute(this::drain);
    }

    /** Tasks queued or running. */
    public int pending() { return pending.get(); }

    private void drain() {
        int done = 0;
        while (true) {
            Runnable task = queue.poll();
            if (task == null) {
                // pending counts tasks submitted but not yet finished; only the drainer decrements it
                flush();
                if (pending.addAndGet(-done) == 0) return;
                done = 0;
                continue;
            }
            try {
                task.run();
            } catch (Throwable t) {
                log.error("task failed", t);
            }
            done++;
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
