package dev.meerkat.load.scenario;

import dev.meerkat.load.LoadConfig;
import dev.meerkat.load.client.XmppClient;
import dev.meerkat.load.stats.ErrorCounts;
import dev.meerkat.load.stats.LatencyHistogram;
import dev.meerkat.load.xml.Stanzas;
import dev.meerkat.load.xml.XmlNode;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * N users log in, then send one-to-one chat messages to random others at a fixed total rate. Each
 * body carries System.nanoTime() at sending; the receiver (same process, same clock) records the
 * end-to-end latency. After sending stops, messages still in flight get a grace period; what has
 * not arrived then is lost.
 */
final class ChatScenario implements Scenario {

    @Override
    public RunResult run(Context ctx) throws InterruptedException {
        LoadConfig c = ctx.connector().config();
        if (c.users() < 2) throw new IllegalArgumentException("chat needs at least 2 users");
        if (c.rate() <= 0) throw new IllegalArgumentException("chat needs --rate > 0 (messages per second, in total)");
        long capacity = (long) Math.ceil(c.rate() * c.duration().toNanos() / 1e9) + 1;
        if (capacity > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("rate x duration is too large");
        Tracker tracker = new Tracker((int) capacity);
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
        Measurement m = new Measurement(ctx.cpu(), ctx.server());
        m.start();
        long sent = Pacing.sendAtRate(m, c.rate(), c.duration(), capacity, seq -> {
            int from = random.nextInt(clients.size());
            int to = random.nextInt(clients.size() - 1);
            if (to >= from) to++;
            clients.get(from).send(Stanzas.chat(clients.get(to).bareJid(), seq, System.nanoTime(), padding));
        });
        long sendNanos = m.elapsedNanos();
        long deliveredInWindow = tracker.delivered();
        Pacing.awaitDeliveries(tracker::delivered, sent, c.grace());
        long delivered = tracker.delivered();

        r.put("sent", sent)
                .put("delivered", delivered)
                .put("lost", sent - delivered)
                .put("duplicates", tracker.duplicates())
                .put("sent_per_s", sent / (sendNanos / 1e9))
                .put("delivered_per_s", deliveredInWindow / (sendNanos / 1e9));
        Reports.latency(r, "latency", tracker.latency);
        m.finish(r);
        clients.forEach(XmppClient::close);
        r.put("errors", errors.total()).put("error_kinds", errors.summary());
        return r;
    }

    /** Which sequence numbers arrived (a bit set), how late, and how many twice. */
    private static final class Tracker {
        final LatencyHistogram latency = new LatencyHistogram();
        private final AtomicLongArray seen;
        private final int capacity;
        private final AtomicLong delivered = new AtomicLong();
        private final AtomicLong duplicates = new AtomicLong();

        Tracker(int capacity) {
            this.capacity = capacity;
            this.seen = new AtomicLongArray((capacity + 63) / 64);
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
            delivered.incrementAndGet();
            latency.record(now - sentAt);
        }

        long delivered() { return delivered.get(); }

        long duplicates() { return duplicates.get(); }
    }
}
