package dev.meerkat.mod.mam.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.mam.ArchiveIds;
import dev.meerkat.mod.mam.ArchivePager;
import dev.meerkat.mod.mam.ArchiveStore;
import dev.meerkat.mod.mam.ArchiveStoreContract;
import dev.meerkat.mod.mam.MamQuery;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.TestDatabase;
import dev.meerkat.xml.StoredXml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link JdbcArchiveStore} on one backend; each backend is a subclass naming its {@link TestDatabase}. */
abstract class JdbcArchiveStoreBackendTest implements ArchiveStoreContract {
    @RegisterExtension
    final TestDatabase db;

    private Database database;
    private JdbcArchiveStore store;

    JdbcArchiveStoreBackendTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() {
        database = db.database();
        store = new JdbcArchiveStore(database);
    }

    @Override
    public ArchiveStore store() {
        return store;
    }

    private static MamQuery query(String inner) throws Exception {
        return MamQuery.parse(StoredXml.parse("<query xmlns='urn:xmpp:mam:2'>" + inner + "</query>"), 50, 250);
    }

    private static String rsm(String inner) {
        return "<set xmlns='http://jabber.org/protocol/rsm'>" + inner + "</set>";
    }

    private List<Long> fill(int n) {
        List<ArchiveStore.Entry> batch = new ArrayList<>();
        for (int i = 1; i <= n; i++) batch.add(ArchiveStoreContract.entry(ALICE, (long) i << 20, i % 3 == 0 ? CAROL : BOB_PHONE, "m" + i));
        store.append(batch);
        return batch.stream().map(ArchiveStore.Entry::id).toList();
    }

    @Test
    void pagingForwardAndBackwardCoversEverythingOnceWithIndexCountAndComplete() throws Exception {
        List<Long> all = fill(23);
        ArchivePager pager = new ArchivePager(store);

        List<Long> forward = new ArrayList<>();
        String after = null;
        ArchivePager.Page p;
        int pages = 0;
        do {
            p = pager.page(ALICE, query(rsm("<max>5</max>" + (after == null ? "" : "<after>" + after + "</after>"))));
            assertThat(p.count()).isEqualTo(23);
            assertThat(p.index()).isEqualTo(forward.size());
            p.entries().forEach(e -> forward.add(e.id()));
            after = ArchiveIds.format(p.entries().get(p.entries().size() - 1).id());
            pages++;
        } while (!p.complete());
        assertThat(forward).isEqualTo(all);
        assertThat(pages).isEqualTo(5);

        List<Long> backward = new ArrayList<>();
        String before = "";
        do {
            p = pager.page(ALICE, query(rsm("<max>7</max><before>" + before + "</before>")));
            List<Long> page = p.entries().stream().map(ArchiveStore.Entry::id).toList();
            assertThat(page).isSorted();
            assertThat(p.index()).isEqualTo(all.indexOf(page.get(0)));
            backward.addAll(0, page);
            before = ArchiveIds.format(page.get(0));
        } while (!p.complete());
        assertThat(backward).isEqualTo(all);
    }

    @Test
    void flipPageReversesThePageAndMaxZeroOnlyCounts() throws Exception {
        List<Long> all = fill(6);
        ArchivePager pager = new ArchivePager(store);
        ArchivePager.Page last = pager.page(ALICE, query(rsm("<max>3</max><before/>") + "<flip-page/>"));
        assertThat(last.entries()).extracting(ArchiveStore.Entry::id).containsExactly(all.get(5), all.get(4), all.get(3));
        assertThat(last.complete()).isFalse();
        ArchivePager.Page count = pager.page(ALICE, query(rsm("<max>0</max>")));
        assertThat(count.entries()).isEmpty();
        assertThat(count.count()).isEqualTo(6);
    }

    @Test
    void withFilterAndUnknownIds() throws Exception {
        List<Long> all = fill(9);
        ArchivePager pager = new ArchivePager(store);
        ArchivePager.Page carol = pager.page(ALICE, query("<x xmlns='jabber:x:data' type='submit'><field var='with'><value>"
                + CAROL + "</value></field></x>"));
        assertThat(carol.entries()).extracting(ArchiveStore.Entry::id).containsExactly(all.get(2), all.get(5), all.get(8));
        assertThat(carol.complete()).isTrue();
        String missing = ArchiveIds.format(12345);
        assertThatThrownBy(() -> pager.page(ALICE, query(rsm("<after>" + missing + "</after>")))).isInstanceOf(MamQuery.UnknownId.class);
        // another archive's id is unknown in this one
        store.append(List.of(ArchiveStoreContract.entry(CAROL, 777, ALICE, "theirs")));
        assertThatThrownBy(() -> pager.page(ALICE, query(rsm("<before>" + ArchiveIds.format(777) + "</before>"))))
                .isInstanceOf(MamQuery.UnknownId.class);
        assertThat(pager.page(Jid.parse("nobody@example.org"), query("")).entries()).isEmpty();
    }

    @Test
    void archiveSizeStaysRightAcrossAppendsRetentionAndRemovalByAnotherStore() {
        fill(10);
        assertThat(store.count(ALICE, ArchiveStore.Filter.all())).isEqualTo(10);
        store.append(List.of(ArchiveStoreContract.entry(ALICE, 11L << 20, CAROL, "eleven"), ArchiveStoreContract.entry(CAROL, 12L << 20, ALICE, "theirs")));
        assertThat(store.count(ALICE, ArchiveStore.Filter.all())).isEqualTo(11);
        // another store on the same table (a room archive, retention of another module) deletes rows
        JdbcArchiveStore other = new JdbcArchiveStore(database);
        assertThat(other.removeBefore(4L << 20)).isEqualTo(3);
        assertThat(store.count(ALICE, ArchiveStore.Filter.all())).isEqualTo(8);
        store.append(List.of(ArchiveStoreContract.entry(ALICE, 20L << 20, CAROL, "twenty")));
        assertThat(store.count(ALICE, ArchiveStore.Filter.all())).isEqualTo(9);
        other.removeArchive(ALICE);
        assertThat(store.count(ALICE, ArchiveStore.Filter.all())).isZero();
        store.append(List.of(ArchiveStoreContract.entry(ALICE, 30L << 20, CAROL, "again")));
        assertThat(store.count(ALICE, ArchiveStore.Filter.all())).isEqualTo(1);
        assertThat(store.count(CAROL, ArchiveStore.Filter.all())).isEqualTo(1);
    }
}
