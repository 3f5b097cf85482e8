package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns a {@link MamQuery} into one page of results with the XEP-0059 figures. The store is asked
 * for one entry more than the page holds, so "is there more in the paging direction" (the fin's
 * {@code complete}) costs no extra query.
 */
public final class ArchivePager {
    /**
     * One page.
     *
     * @param entries  in the order to send (newest first when flipped)
     * @param count    size of the whole result set
     * @param index    position of the page's oldest entry in the whole set (0-based), or -1 when empty
     * @param complete true when paging in the query's direction has reached the end
     */
    public record Page(List<ArchiveStore.Entry> entries, long count, long index, boolean complete) {}

    private final ArchiveStore store;

    public ArchivePager(ArchiveStore store) {
        this.store = store;
    }

    /**
     * Runs the query on the owner's archive.
     *
     * @throws MamQuery.UnknownId if an id the query names is not in the archive
     */
    public Page page(Jid owner, MamQuery q) throws MamQuery.UnknownId {
        for (long id : q.mustExist()) {
            if (!store.contains(owner, id)) throw new MamQuery.UnknownId("no message with id '" + ArchiveIds.format(id) + "' in this archive");
        }
        ArchiveStore.Filter whole = q.whole();
        long count = store.count(owner, whole);
        if (q.max() == 0) return new Page(List.of(), count, -1, count == 0);
        List<ArchiveStore.Entry> found = store.find(owner, q.pageFilter(), q.fromEnd(), q.max() + 1);
        boolean more = found.size() > q.max();
        List<ArchiveStore.Entry> page = new ArrayList<>(more ? found.subList(0, q.max()) : found);
        if (q.fromEnd()) Collections.reverse(page);
        long index = -1;
        if (!page.isEmpty()) {
            // the two common pages need no second count: the first page, and the last (<before/>)
            if (!q.fromEnd() && q.rsmAfter() == null) index = 0;
            else if (q.fromEnd() && q.rsmBefore() == null) index = count - page.size();
            else index = store.count(owner, whole.withBounds(whole.minId(), Math.min(whole.maxId(), page.get(0).id() - 1)));
        }
        if (q.flip()) Collections.reverse(page);
        return new Page(List.copyOf(page), count, index, !more);
    }
}
