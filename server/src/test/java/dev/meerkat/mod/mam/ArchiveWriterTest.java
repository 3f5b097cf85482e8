package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveWriterTest {
    /** Records appends; each append waits for the gate so the test controls when writes happen. */
    private static final class GatedStore implements ArchiveStore {
        final List<Entry> written = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch gate;
        int failuresLeft;

        GatedStore(CountDownLatch gate, int failures) {
            this.gate = gate;
            this.failuresLeft = failures;
        }

        @Override
        public void append(List<Entry> entries) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("database down");
            }
            batchSizes.add(entries.size());
            written.addAll(entries);
        }

        @Override public List<Entry> find(Jid owner, Filter filter, boolean newestFirst, int limit) { return List.of(); }

        @Override public long count(Jid owner, Filter filter) { return 0; }

        @Override public boolean contains(Jid owner, long id) { return false; }

        @Override public Optional<long[]> bounds(Jid owner) { return Optional.empty(); }

        @Override public void removeArchive(Jid owner) { }

        @Override public int removeBefore(long id) { return 0; }

        @Override public Optional<ArchivePrefs> prefs(Jid owner) { return Optional.empty(); }

        @Override public void setPrefs(Jid owner, ArchivePrefs prefs) { }
    }

    private static final Jid ALICE = Jid.parse("alice@example.org");
    private static final Jid BOB = Jid.parse("bob@example.org");

    @Test
    void awaitOwnerReturnsOnlyOnceTheOwnersEntriesAreWritten() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        GatedStore store = new GatedStore(gate, 0);
        try (ArchiveWriter w = new ArchiveWriter(store, 100, 10, "test-writer")) {
            for (int i = 0; i < 25; i++) w.submit(ArchiveStoreContract.entry(i % 2 == 0 ? ALICE : BOB, i, BOB, "m" + i));
            w.awaitOwner(Jid.parse("nobody@example.org"));   // nothing queued: returns at once
            Thread releaser = Thread.ofVirtual().start(gate::countDown);
            w.awaitOwner(ALICE);
            releaser.join();
            assertThat(store.written.stream().filter(e -> e.owner().equals(ALICE)).count()).isEqualTo(13);
            assertThat(store.batchSizes).allMatch(n -> n <= 10);
        }
    }

    @Test
    void closeWritesEverythingQueuedAndLaterEntriesAreWrittenDirectly() {
        GatedStore store = new GatedStore(new CountDownLatch(0), 1);
        ArchiveWriter w = new ArchiveWriter(store, 1000, 50, "test-writer");
        for (int i = 0; i < 200; i++) w.submit(ArchiveStoreContract.entry(ALICE, i, BOB, "m" + i));
        w.close();
        // the first batch failed once and was retried
        assertThat(store.written).extracting(ArchiveStore.Entry::id).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.range(0, 200).boxed().toList());
        w.submit(ArchiveStoreContract.entry(ALICE, 999, BOB, "late"));
        assertThat(store.written).hasSize(201);
        assertThat(w.backlog()).isZero();
    }
}
