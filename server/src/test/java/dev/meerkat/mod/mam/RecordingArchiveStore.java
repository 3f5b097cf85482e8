package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An archive store that only records appends and removals (for tests of what gets archived). */
public final class RecordingArchiveStore implements ArchiveStore {
    public final List<Entry> appended = new CopyOnWriteArrayList<>();
    public final List<Jid> removed = new CopyOnWriteArrayList<>();

    @Override public void append(List<Entry> entries) { appended.addAll(entries); }

    @Override public List<Entry> find(Jid owner, Filter filter, boolean newestFirst, int limit) { throw new UnsupportedOperationException(); }

    @Override public long count(Jid owner, Filter filter) { throw new UnsupportedOperationException(); }

    @Override public boolean contains(Jid owner, long id) { throw new UnsupportedOperationException(); }

    @Override public Optional<long[]> bounds(Jid owner) { return Optional.empty(); }

    @Override public void removeArchive(Jid owner) { removed.add(owner); }

    @Override public int removeBefore(long id) { return 0; }

    @Override public Optional<ArchivePrefs> prefs(Jid owner) { return Optional.empty(); }

    @Override public void setPrefs(Jid owner, ArchivePrefs prefs) {}

    /** A room archive over this store; its writer is closed by {@link ArchiveService#close}. */
    public ArchiveService service() {
        return new ArchiveService(this, new ArchiveWriter(this, 100, 10, "test-writer"), new ArchiveIds(java.time.Clock.systemUTC()), 50, 250);
    }
}
