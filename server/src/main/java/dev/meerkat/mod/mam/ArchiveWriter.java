package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes archive entries in batches on one virtual thread, so routing never waits for the
 * database. The queue is bounded: when it is full, {@link #submit} blocks the sending session
 * until the writer catches up (back-pressure, never a silent drop).
 *
 * <p>Every entry gets a ticket in queue order. {@link #awaitOwner} waits until the last entry
 * queued for an owner is written, so a query sees every message already delivered to the querier.
 * {@link #close} writes what is queued before returning; after it, entries are written at once by
 * the caller. A batch the database refuses is retried {@value #ATTEMPTS} times, then logged and
 * dropped (so waiting queries do not hang while the database is down).
 */
public final class ArchiveWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArchiveWriter.class);
    static final int ATTEMPTS = 3;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private record Ticketed(long ticket, ArchiveStore.Entry entry) {}

    private final ArchiveStore store;
    private final BlockingQueue<Ticketed> queue;
    private final int batchSize;
    private final Thread thread;
    /** Held while taking a ticket and queueing, so queue order is ticket order. */
    private final ReentrantLock submitLock = new ReentrantLock();
    /** The last ticket queued for each owner with entries not yet written. */
    private final Map<Jid, Long> pendingByOwner = new ConcurrentHashMap<>();
    private final ReentrantLock writtenLock = new ReentrantLock();
    private final Condition advanced = writtenLock.newCondition();
    private long nextTicket = 1;
    private volatile long written;
    private volatile boolean closed;

    public ArchiveWriter(ArchiveStore store, int capacity, int batchSize, String name) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.thread = Thread.ofVirtual().name(name).start(this::run);
    }

    /** Queues the entry; blocks while the queue is full. After {@link #close}, writes it at once. */
    public void submit(ArchiveStore.Entry entry) {
        if (!closed) {
            submitLock.lock();
            try {
                if (!closed) {
                    long t = nextTicket++;
                    pendingByOwner.put(entry.owner(), t);
                    queue.put(new Ticketed(t, entry));
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // the caller is being cancelled; keep the message rather than drop it
            } finally {
                submitLock.unlock();
            }
        }
        writeWithRetries(List.of(entry));
    }

    /** Returns once every entry queued for the owner before this call is written (or given up). */
    public void awaitOwner(Jid owner) throws InterruptedException {
        Long t = pendingByOwner.get(owner);
        if (t == null || written >= t) return;
        writtenLock.lock();
        try {
            while (written < t && thread.isAlive()) advanced.await(1, TimeUnit.SECONDS);
        } finally {
            writtenLock.unlock();
        }
    }

    /** Entries queued and not yet written. */
    public int backlog() {
        return queue.size();
    }

    private void run() {
        List<Ticketed> batch = new ArrayList<>(batchSize);
        while (true) {
            try {
                Ticketed first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed && queue.isEmpty()) return;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                writeWithRetries(batch.stream().map(Ticketed::entry).toList());
                markWritten(batch.get(batch.size() - 1).ticket());
                batch.clear();
            } catch (InterruptedException e) {
                // only close() interrupts, and only after its wait ran out: stop here
                log.error("archive writer {} stopped with {} entries unwritten", thread.getName(), queue.size());
                return;
            }
        }
    }

    private void markWritten(long ticket) {
        writtenLock.lock();
        try {
            written = ticket;
            advanced.signalAll();
        } finally {
            writtenLock.unlock();
        }
        pendingByOwner.values().removeIf(t -> t <= ticket);
    }

    private void writeWithRetries(List<ArchiveStore.Entry> entries) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.append(entries);
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    log.error("dropping {} archive entries after {} failed attempts", entries.size(), attempt, e);
                    return;
                }
                log.warn("archive write failed (attempt {}), retrying: {}", attempt, e.toString());
                try {
                    Thread.sleep(100L * attempt * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Writes everything queued, then stops the writer thread. */
    @Override
    public void close() {
        submitLock.lock();
        try {
            closed = true;
        } finally {
            submitLock.unlock();
        }
        try {
            if (!thread.join(CLOSE_WAIT)) thread.interrupt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
