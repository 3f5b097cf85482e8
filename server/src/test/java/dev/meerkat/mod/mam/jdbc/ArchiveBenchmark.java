package dev.meerkat.mod.mam.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.mam.ArchiveIds;
import dev.meerkat.mod.mam.ArchivePager;
import dev.meerkat.mod.mam.ArchiveStore;
import dev.meerkat.mod.mam.ArchiveWriter;
import dev.meerkat.mod.mam.MamQuery;
import dev.meerkat.storage.Database;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import dev.meerkat.xml.StoredXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a unit test: fills an H2 archive through the {@link ArchiveWriter} and times queries on it.
 * Run with {@code mvn -o -q test -Dtest=ArchiveBenchmark -Dmam.bench=1000000} (the number of
 * messages); figures go to stdout and into docs/benchmarks.md by hand.
 */
@EnabledIfSystemProperty(named = "mam.bench", matches = "\\d+")
class ArchiveBenchmark {
    private static final Jid OWNER = Jid.parse("alice@example.org");
    private static final int CORRESPONDENTS = 100;
    private static final int RUNS = Integer.getInteger("mam.bench.runs", 200);

    @TempDir
    Path dataDir;

    private final ArchiveIds ids = new ArchiveIds(Clock.systemUTC());
    private JdbcArchiveStore store;

    @Test
    void fillAndQuery() throws Exception {
        int n = Integer.parseInt(System.getProperty("mam.bench"));
        try (Database db = new Database(null, dataDir)) {
            store = new JdbcArchiveStore(db);
            long start = System.nanoTime();
            try (ArchiveWriter writer = new ArchiveWriter(store, 10_000, 500, "bench-writer")) {
                for (int i = 0; i < n; i++) writer.submit(entry(ids.next(), i));
            }
            double fillSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("MAM-BENCH fill %d messages in %.1f s = %.0f msg/s (writer batches of 500, H2 file)%n", n, fillSeconds, n / fillSeconds);
            assertThat(store.count(OWNER, ArchiveStore.Filter.all())).isEqualTo(n);

            ArchivePager pager = new ArchivePager(store);
            long[] bounds = store.bounds(OWNER).orElseThrow();
            // ids grow with time at a steady fill rate, so the mean timestamp is near the middle message
            long middleMillis = (ArchiveIds.timestamp(bounds[0]).toEpochMilli() + ArchiveIds.timestamp(bounds[1]).toEpochMilli()) / 2;
            long middleId = store.find(OWNER, ArchiveStore.Filter.all().withBounds(
                    ArchiveIds.lowestAt(java.time.Instant.ofEpochMilli(middleMillis)), Long.MAX_VALUE), false, 1).get(0).id();
            List<ArchiveStore.Entry> recent = store.find(OWNER, ArchiveStore.Filter.all(), true, 5000);
            long middleTime = ArchiveIds.timestamp(recent.get(recent.size() - 1).id()).toEpochMilli();

            timeCount("archive size, COUNT(*) of every row (what each unfiltered query paid before the tally)",
                    ArchiveStore.Filter.all().withBounds(Long.MIN_VALUE, Long.MAX_VALUE - 1));
            timeCount("archive size through the tally", ArchiveStore.Filter.all());
            time("last page (max 50, <before/>)", i -> "<set xmlns='http://jabber.org/protocol/rsm'><max>50</max><before/></set>", pager);
            time("page after an id in the middle (max 50)", i -> "<set xmlns='http://jabber.org/protocol/rsm'><max>50</max><after>"
                    + ArchiveIds.format(middleId) + "</after></set>", pager);
            time("last page with one correspondent (1 % of the archive)", i -> form("with", "user" + (i % CORRESPONDENTS) + "@example.org")
                    + "<set xmlns='http://jabber.org/protocol/rsm'><max>50</max><before/></set>", pager);
            time("time range: the last 5000 messages, first page", i -> form("start", java.time.Instant.ofEpochMilli(middleTime).toString())
                    + "<set xmlns='http://jabber.org/protocol/rsm'><max>50</max></set>", pager);
            time("full text 'needle' (0.1 % match), first page", i -> form("{urn:xmpp:fulltext:0}fulltext", "needle")
                    + "<set xmlns='http://jabber.org/protocol/rsm'><max>50</max></set>", pager, 5);
        }
    }

    private void timeCount(String what, ArchiveStore.Filter filter) {
        long[] micros = new long[RUNS];
        for (int i = 0; i < RUNS + 5; i++) {
            store.append(List.of(entry(ids.next(), i)));
            long t0 = System.nanoTime();
            store.count(OWNER, filter);
            if (i >= 5) micros[i - 5] = (System.nanoTime() - t0) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("MAM-BENCH %s: p50 %.2f ms, p99 %.2f ms (%d runs)%n", what,
                micros[RUNS / 2] / 1000.0, micros[Math.min(RUNS - 1, RUNS * 99 / 100)] / 1000.0, RUNS);
    }

    private static ArchiveStore.Entry entry(long id, int i) {
        Jid with = Jid.parse("user" + (i % CORRESPONDENTS) + "@example.org/res");
        String body = "message number " + i + " with some ordinary chat text" + (i % 1000 == 0 ? " needle" : "");
        Element m = Element.builder("message", Ns.CLIENT).attr("from", with.toString()).attr("to", OWNER.toString())
                .attr("type", "chat").attr("id", "m" + i).child("body", Ns.CLIENT, b -> b.text(body)).build();
        return new ArchiveStore.Entry(OWNER, id, with, false, body, m);
    }

    private static String form(String var, String value) {
        return "<x xmlns='jabber:x:data' type='submit'><field var='" + var + "'><value>" + value + "</value></field></x>";
    }

    private void time(String what, IntFunction<String> inner, ArchivePager pager) throws Exception {
        time(what, inner, pager, RUNS);
    }

    private void time(String what, IntFunction<String> inner, ArchivePager pager, int runs) throws Exception {
        long[] micros = new long[runs];
        for (int i = 0; i < runs + 5; i++) {
            // a live archive: one more message before each query, which also keeps H2 from
            // answering a repeated query from its result cache
            store.append(List.of(entry(ids.next(), i)));
            MamQuery q = MamQuery.parse(StoredXml.parse("<query xmlns='urn:xmpp:mam:2'>" + inner.apply(i) + "</query>"), 50, 250);
            long t0 = System.nanoTime();
            ArchivePager.Page page = pager.page(OWNER, q);
            long t = (System.nanoTime() - t0) / 1000;
            assertThat(page.entries()).isNotEmpty();
            if (i >= 5) micros[i - 5] = t;   // the first few warm up the JIT and H2's cache
        }
        Arrays.sort(micros);
        System.out.printf("MAM-BENCH %s: p50 %.2f ms, p99 %.2f ms (%d runs, incl. count and index)%n", what,
                micros[runs / 2] / 1000.0, micros[Math.min(runs - 1, runs * 99 / 100)] / 1000.0, runs);
    }
}
