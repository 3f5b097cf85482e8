package dev.meerkat.mod.mam.jdbc;

import dev.meerkat.config.RdbmsConfig;
import dev.meerkat.jid.Jid;
import dev.meerkat.mod.mam.ArchiveIds;
import dev.meerkat.mod.mam.ArchiveStore;
import dev.meerkat.mod.mam.ArchiveWriter;
import dev.meerkat.storage.Database;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Not a unit test: the write cost of the archive under chat-like traffic, where every message goes
 * to two of many archives (so inserts land all over the owner indexes, unlike {@link ArchiveBenchmark}'s
 * single archive). Pre-fills {@code mam.write.prefill} rows over {@code mam.write.owners} archives,
 * then writes {@code mam.write} more at {@code mam.write.rate} rows/s through the real writer and
 * prints the process CPU time per 1000 rows. H2 connection settings can be given as
 * {@code -Dmam.write.h2=KEY=VALUE,KEY=VALUE}. Run with
 * {@code mvn -o -q test -Dtest=ArchiveWriteBenchmark -Dmam.write=200000}.
 */
@EnabledIfSystemProperty(named = "mam.write", matches = "\\d+")
class ArchiveWriteBenchmark {
    @TempDir
    Path dataDir;

    @Test
    void writeCost() throws Exception {
        int n = Integer.getInteger("mam.write");
        int owners = Integer.getInteger("mam.write.owners", 1000);
        int prefill = Integer.getInteger("mam.write.prefill", 500_000);
        int rate = Integer.getInteger("mam.write.rate", 10_000);
        java.time.Duration linger = java.time.Duration.ofMillis(Integer.getInteger("mam.write.linger", 50));
        Map<String, String> props = new LinkedHashMap<>();
        for (String kv : System.getProperty("mam.write.h2", "").split(",")) {
            if (kv.contains("=")) props.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        ArchiveIds ids = new ArchiveIds(Clock.systemUTC());
        SplittableRandom random = new SplittableRandom(42);
        try (Database db = new Database(new RdbmsConfig("h2", null, 0, null, null, null, 0, props), dataDir)) {
            JdbcArchiveStore store = new JdbcArchiveStore(db);
            try (ArchiveWriter writer = new ArchiveWriter(store, 10_000, 500, "prefill")) {
                for (int i = 0; i < prefill; i++) writer.submit(entry(ids.next(), random, owners, i));
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            try (ArchiveWriter writer = new ArchiveWriter(store, 10_000, 500, linger, "bench")) {
                for (int i = 0; i < n; i++) {
                    writer.submit(entry(ids.next(), random, owners, i));
                    // paced like live traffic: a burst of 1 ms worth, then wait for the next millisecond
                    if (i % Math.max(1, rate / 1000) == 0) {
                        long due = t0 + (long) i * 1_000_000_000L / rate;
                        long wait = due - System.nanoTime();
                        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf("MAM-WRITE %d rows over %d archives (prefill %d) at %d rows/s, linger %s, h2 %s: wall %.1f s, CPU %.1f s = %.1f ms CPU per 1000 rows (%.0f %% of a core)%n",
                    n, owners, prefill, rate, linger, props, wall, cpu, cpu * 1000 / (n / 1000.0), 100 * cpu / wall);
        }
    }

    private static ArchiveStore.Entry entry(long id, SplittableRandom random, int owners, int i) {
        Jid owner = Jid.parse("user" + random.nextInt(owners) + "@example.org");
        Jid with = Jid.parse("user" + random.nextInt(owners) + "@example.org/load-" + random.nextInt(4));
        String body = System.nanoTime() + " message number " + i + " with some ordinary chat text";
        Element m = Element.builder("message", Ns.CLIENT).attr("from", with.toString()).attr("to", owner.toString())
                .attr("type", "chat").attr("id", "m" + i).child("body", Ns.CLIENT, b -> b.text(body)).build();
        return new ArchiveStore.Entry(owner, id, with, false, body, m);
    }
}
