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
 * <p>A batch is written when {@code batchSize} entries are queued or {@code linger} after its first
 * entry, whichever comes first (like MongooseIM's async writer's {@code flush_interval}): under
 * load, fewer and larger transactions cost the database much less per row than one commit per
 * handful of messages. A query waiting in {@link #awaitOwner} cuts the linger short.
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
    private final long lingerNanos;
    /** Set by {@link #awaitOwner}: write what is queued now rather than after the linger. */
    private volatile boolean flushNow;
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

    /** Default {@link #ArchiveWriter(ArchiveStore, int, int, Duration, String) linger}. */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(50);

    public ArchiveWriter(ArchiveStore store, int capacity, int batchSize, String name) {
        this(store, capacity, batchSize, DEFAULT_LINGER, name);
    }

    /**
     * @param linger how long a batch may wait for more entries after its first (zero: write
     *               whatever is queued at once)
     */
    public ArchiveWriter(ArchiveStore store, int capacity, int batchSize, Duration linger, String name) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
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
            while (written < t && thread.isAlive()) {
                flushNow = true;
                advanced.await(1, TimeUnit.SECONDS);
            }
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
                fill(batch);
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

    /** Adds queued entries to the batch until it is full or its linger is over. */
    private void fill(List<Ticketed> batch) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        while (true) {
            queue.drainTo(batch, batchSize - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= batchSize || left <= 0 || flushNow || closed) break;
            // short waits, so that a query's flush request is seen within a millisecond
            Ticketed next = queue.poll(Math.min(left, 1_000_000L), TimeUnit.NANOSECONDS);
            if (next != null) batch.add(next);
        }
        flushNow = false;
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
