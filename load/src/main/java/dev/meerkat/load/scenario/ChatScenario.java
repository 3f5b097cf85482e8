package dev.meerkat.load.scenario;

import dev.meerkat.load.LoadConfig;
import dev.meerkat.load.client.XmppClient;
import dev.meerkat.load.stats.ErrorCounts;
import dev.meerkat.load.stats.LatencyHistogram;
import dev.meerkat.load.stats.LatencyTimeline;
import dev.meerkat.load.xml.Stanzas;
import dev.meerkat.load.xml.XmlNode;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongConsumer;

/**
 * N users log in, then send one-to-one chat messages to random others at a fixed total rate. Each
 * body carries System.nanoTime() at sending; the receiver (same process, same clock) records the
 * end-to-end latency. After sending stops, messages still in flight get a grace period; what has
 * not arrived then is lost. An optional warm-up at the same rate comes first, unmeasured.
 */
final class ChatScenario implements Scenario {

    @Override
    public RunResult run(Context ctx) throws InterruptedException {
        LoadConfig c = ctx.connector().config();
        if (c.users() < 2) throw new IllegalArgumentException("chat needs at least 2 users");
        if (c.rate() <= 0) throw new IllegalArgumentException("chat needs --rate > 0 (messages per second, in total)");
        long warm = Pacing.warmupCount(c.rate(), c.warmup());
        long capacity = (long) Math.ceil(c.rate() * c.duration().toNanos() / 1e9) + 1;
        if (warm + capacity > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("rate x (warmup + duration) is too large");
        Tracker tracker = new Tracker((int) (warm + capacity), warm, (int) c.duration().toSeconds() + 1);
        ErrorCounts errors = new ErrorCounts();
        Ramp ramp = new Ramp(ctx.connector(), XmppClient.Purpose.LOGIN, c.concurrency(), errors, new XmppClient.Listener() {
            @Override public void ready(XmppClient client) { }

            @Override public void failed(XmppClient client, String kind) { }

            @Override
            public void message(XmppClient client, XmlNode message) { tracker.received(message); }
        });
        List<XmppClient> clients = ramp.run(c.users());
        RunResult r = Reports.header("chat", c);
        r.put("logged_in", clients.size());
        if (clients.size() < 2) {
            r.put("sent", 0).put("delivered", 0).put("lost", 0).put("errors", errors.total()).put("error_kinds", errors.summary());
            clients.forEach(XmppClient::close);
            return r;
        }

        String padding = "x".repeat(Math.max(0, c.bodyPadding()));
        SplittableRandom random = new SplittableRandom(42);
        LongConsumer send = seq -> {
            int from = random.nextInt(clients.size());
            int to = random.nextInt(clients.size() - 1);
            if (to >= from) to++;
            clients.get(from).send(Stanzas.chat(clients.get(to).bareJid(), seq, System.nanoTime(), padding));
        };
        Measurement m = new Measurement(ctx.cpu(), ctx.server());
        Pacing.warmUp(m, c.rate(), warm, send);
        m.start();
        tracker.timeline.start(System.nanoTime());
        long sent = Pacing.sendAtRate(m, c.rate(), c.duration(), capacity, seq -> send.accept(warm + seq));
        long sendNanos = m.elapsedNanos();
        long deliveredInWindow = tracker.delivered();
        Pacing.awaitDeliveries(() -> tracker.delivered() + tracker.warmDelivered(), warm + sent, c.grace());
        long delivered = tracker.delivered();

        r.put("warmup_sent", warm)
                .put("sent", sent)
                .put("delivered", delivered)
                .put("lost", warm + sent - delivered - tracker.warmDelivered())
                .put("duplicates", tracker.duplicates())
                .put("sent_per_s", sent / (sendNanos / 1e9))
                .put("delivered_per_s", deliveredInWindow / (sendNanos / 1e9));
        Reports.latency(r, "latency", tracker.latency);
        tracker.timeline.lines().forEach(System.out::println);
        m.finish(r);
        clients.forEach(XmppClient::close);
        r.put("errors", errors.total()).put("error_kinds", errors.summary());
        return r;
    }

    /** Which sequence numbers arrived (a bit set), how late, and how many twice. */
    private static final class Tracker {
        final LatencyHistogram latency = new LatencyHistogram();
        final LatencyTimeline timeline;
        private final AtomicLongArray seen;
        private final int capacity;
        private final long measuredFrom;
        private final AtomicLong delivered = new AtomicLong();
        private final AtomicLong warmDelivered = new AtomicLong();
        private final AtomicLong duplicates = new AtomicLong();

        Tracker(int capacity, long measuredFrom, int seconds) {
            this.capacity = capacity;
            this.measuredFrom = measuredFrom;
            this.seen = new AtomicLongArray((capacity + 63) / 64);
            this.timeline = new LatencyTimeline(seconds);
        }

        void received(XmlNode message) {
            long now = System.nanoTime();
            long seq = Stanzas.chatSequence(message.attr("id"));
            if (seq < 0 || seq >= capacity || message.attr("type") != null && message.attr("type").equals("error")) return;
            long sentAt = message.child("body").map(b -> Stanzas.chatSentNanos(b.text())).orElse(-1L);
            if (sentAt < 0) return;
            int word = (int) (seq >>> 6);
            long bit = 1L << (seq & 63);
            long old = seen.getAndAccumulate(word, bit, (a, b) -> a | b);
            if ((old & bit) != 0) {
                duplicates.incrementAndGet();
                return;
            }
            if (seq < measuredFrom) {
                warmDelivered.incrementAndGet();
                return;
            }
            delivered.incrementAndGet();
            latency.record(now - sentAt);
            timeline.record(sentAt, now - sentAt);
        }

        /** Measured messages delivered (the warm-up's are counted apart). */
        long delivered() { return delivered.get(); }

        long warmDelivered() { return warmDelivered.get(); }

        long duplicates() { return duplicates.get(); }
    }
}
