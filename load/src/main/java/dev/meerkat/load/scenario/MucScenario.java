package dev.meerkat.load.scenario;

import dev.meerkat.load.LoadConfig;
import dev.meerkat.load.client.XmppClient;
import dev.meerkat.load.stats.ErrorCounts;
import dev.meerkat.load.stats.LatencyHistogram;
import dev.meerkat.load.stats.LatencyTimeline;
import dev.meerkat.load.xml.Stanzas;
import dev.meerkat.load.xml.XmlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * MUC fan-out: R rooms with N occupants each. Accounts 1..R×N log in and are dealt out to the
 * rooms in turn; the first occupant of a room creates it (and accepts the default configuration,
 * which unlocks it), then the others join; an occupant is in once its own presence (status 110)
 * comes back. Then groupchat messages go out at a fixed total rate, to the rooms in turn, each from
 * a random occupant of its room. Every other occupant records the latency from the send time in
 * the body, so a message to a room of N makes N−1 deliveries. After sending stops, deliveries
 * still in flight get a grace period; what has not arrived then is lost.
 */
final class MucScenario implements Scenario {
    /** The delivery bitmap (messages × occupants bits) stays under 64 MiB. */
    private static final long MAX_TRACKED_DELIVERIES = 1L << 29;
    private static final String CONFIG_IQ_ID = "muc-instant";

    @Override
    public RunResult run(Context ctx) throws InterruptedException {
        LoadConfig c = ctx.connector().config();
        int roomCount = c.rooms();
        int perRoom = c.occupants();
        if (roomCount < 1) throw new IllegalArgumentException("muc needs --rooms >= 1");
        if (perRoom < 2) throw new IllegalArgumentException("muc needs --occupants >= 2 (a message fans out to the others)");
        if (c.rate() <= 0) throw new IllegalArgumentException("muc needs --rate > 0 (messages per second, all rooms together)");
        long accounts = (long) roomCount * perRoom;
        if (accounts > c.users()) {
            throw new IllegalArgumentException("muc needs rooms x occupants = " + accounts + " accounts but --users is " + c.users());
        }
        long warm = Pacing.warmupCount(c.rate(), c.warmup());
        long capacity = (long) Math.ceil(c.rate() * c.duration().toNanos() / 1e9) + 1;
        if ((warm + capacity) * perRoom > MAX_TRACKED_DELIVERIES) {
            throw new IllegalArgumentException("rate x (warmup + duration) x occupants is too large");
        }

        // Fresh room names for every run: a room left over from an earlier run (history, occupants) must not count.
        String runTag = Long.toString(System.currentTimeMillis(), 36);
        Map<XmppClient, Occupant> occupants = new ConcurrentHashMap<>();
        Joins joins = new Joins(occupants);
        AtomicReference<Tracker> tracking = new AtomicReference<>();
        ErrorCounts errors = new ErrorCounts();
        Ramp ramp = new Ramp(ctx.connector(), XmppClient.Purpose.LOGIN, c.concurrency(), errors, new XmppClient.Listener() {
            @Override public void ready(XmppClient client) { }

            @Override public void failed(XmppClient client, String kind) { }

            @Override
            public void message(XmppClient client, XmlNode message) {
                Tracker t = tracking.get();
                Occupant o = occupants.get(client);
                if (t != null && o != null) t.received(o, message);
            }

            @Override
            public void stanza(XmppClient client, XmlNode stanza) { joins.stanza(client, stanza); }
        });
        List<XmppClient> clients = ramp.run((int) accounts);

        List<List<XmppClient>> members = new ArrayList<>();
        for (int r = 0; r < roomCount; r++) members.add(new ArrayList<>());
        for (int i = 0; i < clients.size(); i++) {
            XmppClient client = clients.get(i);
            int room = i % roomCount;
            occupants.put(client, new Occupant(room, i / roomCount, roomJid(c, runTag, room), client.username()));
            members.get(room).add(client);
        }

        long joinStart = System.nanoTime();
        LatencyHistogram joinLatency = new LatencyHistogram();
        Semaphore slots = new Semaphore(Math.max(1, c.concurrency()));
        long timeoutMs = c.loginTimeout().toMillis();
        // Creators first: a room exists (and is unlocked) before anyone else tries to enter it.
        List<CompletableFuture<Boolean>> created = new ArrayList<>();
        for (List<XmppClient> room : members) {
            created.add(room.isEmpty() ? CompletableFuture.completedFuture(false)
                    : join(room.get(0), occupants.get(room.get(0)), true, joins, slots, timeoutMs, errors, joinLatency));
        }
        List<List<CompletableFuture<Boolean>>> entered = new ArrayList<>();
        for (int r = 0; r < roomCount; r++) {
            boolean open = created.get(r).join();
            List<CompletableFuture<Boolean>> list = new ArrayList<>();
            list.add(CompletableFuture.completedFuture(open));
            for (XmppClient client : members.get(r).subList(Math.min(1, members.get(r).size()), members.get(r).size())) {
                list.add(open ? join(client, occupants.get(client), false, joins, slots, timeoutMs, errors, joinLatency)
                        : CompletableFuture.completedFuture(false));
            }
            entered.add(list);
        }
        List<List<XmppClient>> inRoom = new ArrayList<>();
        int joined = 0;
        for (int r = 0; r < roomCount; r++) {
            List<XmppClient> in = new ArrayList<>();
            for (int k = 0; k < members.get(r).size(); k++) if (entered.get(r).get(k).join()) in.add(members.get(r).get(k));
            joined += in.size();
            inRoom.add(in);
        }
        double joinSeconds = (System.nanoTime() - joinStart) / 1e9;

        RunResult r = Reports.header("muc", c);
        r.put("rooms", roomCount).put("occupants", perRoom).put("logged_in", clients.size()).put("joined", joined)
                .put("join_s", joinSeconds);
        Reports.latency(r, "join", joinLatency);
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < roomCount; i++) if (inRoom.get(i).size() >= 2) active.add(i);
        if (active.isEmpty()) {
            r.put("sent", 0).put("expected", 0).put("delivered", 0).put("lost", 0);
            clients.forEach(XmppClient::close);
            return r.put("errors", errors.total()).put("error_kinds", errors.summary());
        }

        int[] roomOfSlot = active.stream().mapToInt(Integer::intValue).toArray();
        Tracker tracker = new Tracker((int) (warm + capacity), warm, perRoom, roomOfSlot, (int) c.duration().toSeconds() + 1);
        tracking.set(tracker);
        String padding = "x".repeat(Math.max(0, c.bodyPadding()));
        SplittableRandom random = new SplittableRandom(42);
        long[] expected = {0, 0};  // warm-up, measured
        LongConsumer send = seq -> {
            List<XmppClient> in = inRoom.get(tracker.roomOf(seq));
            XmppClient from = in.get(random.nextInt(in.size()));
            from.send(Stanzas.groupchat(occupants.get(from).room(), seq, System.nanoTime(), padding));
            expected[seq < warm ? 0 : 1] += in.size() - 1;
        };
        Measurement m = new Measurement(ctx.cpu(), ctx.server());
        Pacing.warmUp(m, c.rate(), warm, send);
        m.start();
        tracker.timeline.start(System.nanoTime());
        long sent = Pacing.sendAtRate(m, c.rate(), c.duration(), capacity, seq -> send.accept(warm + seq));
        long sendNanos = m.elapsedNanos();
        long deliveredInWindow = tracker.delivered();
        Pacing.awaitDeliveries(() -> tracker.delivered() + tracker.warmDelivered(), expected[0] + expected[1], c.grace());
        long delivered = tracker.delivered();

        r.put("warmup_sent", warm)
                .put("sent", sent)
                .put("expected", expected[1])
                .put("delivered", delivered)
                .put("lost", expected[0] + expected[1] - delivered - tracker.warmDelivered())
                .put("duplicates", tracker.duplicates())
                .put("sent_per_s", sent / (sendNanos / 1e9))
                .put("deliveries_per_s", deliveredInWindow / (sendNanos / 1e9));
        Reports.latency(r, "latency", tracker.latency);
        tracker.timeline.lines().forEach(System.out::println);
        m.finish(r);
        clients.forEach(XmppClient::close);
        r.put("errors", errors.total()).put("error_kinds", errors.summary());
        return r;
    }

    private static String roomJid(LoadConfig c, String runTag, int room) {
        return "load-" + runTag + "-" + room + "@" + c.mucService();
    }

    /**
     * Sends the join and completes with true once the occupant is in: its own presence (110) came
     * back and, for a room it just created (201), the default configuration was accepted. Never
     * completes exceptionally: a failure is counted and gives false.
     */
    private static CompletableFuture<Boolean> join(XmppClient client, Occupant o, boolean creator, Joins joins, Semaphore slots,
                                                   long timeoutMs, ErrorCounts errors, LatencyHistogram latency) {
        slots.acquireUninterruptibly();
        long start = System.nanoTime();
        CompletableFuture<XmlNode> self = joins.expectSelfPresence(client);
        client.send(Stanzas.mucJoin(o.room() + "/" + o.nick()));
        return self.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).thenCompose(p -> {
            if (!creator || !Stanzas.hasMucStatus(p, "201")) return CompletableFuture.completedFuture(p);
            CompletableFuture<XmlNode> answer = joins.expectAnswer(client);
            client.send(Stanzas.mucInstantRoom(CONFIG_IQ_ID, o.room()));
            return answer.orTimeout(timeoutMs, TimeUnit.MILLISECONDS);
        }).handle((ok, err) -> {
            slots.release();
            if (err == null) {
                latency.record(System.nanoTime() - start);
                return true;
            }
            Throwable cause = err.getCause() != null ? err.getCause() : err;
            errors.add(cause instanceof TimeoutException ? "join:timeout" : cause.getMessage());
            joins.forget(client);
            return false;
        });
    }

    /** Where an occupant is: its room's JID, its place in the room (0 = creator), and its nick. */
    record Occupant(int roomIndex, int position, String room, String nick) { }

    /** The answers joining clients wait for, matched on the client's network thread. */
    private static final class Joins {
        private final Map<XmppClient, Occupant> occupants;
        private final Map<XmppClient, CompletableFuture<XmlNode>> presences = new ConcurrentHashMap<>();
        private final Map<XmppClient, CompletableFuture<XmlNode>> answers = new ConcurrentHashMap<>();

        Joins(Map<XmppClient, Occupant> occupants) { this.occupants = occupants; }

        CompletableFuture<XmlNode> expectSelfPresence(XmppClient c) {
            CompletableFuture<XmlNode> f = new CompletableFuture<>();
            presences.put(c, f);
            return f;
        }

        CompletableFuture<XmlNode> expectAnswer(XmppClient c) {
            CompletableFuture<XmlNode> f = new CompletableFuture<>();
            answers.put(c, f);
            return f;
        }

        void forget(XmppClient c) {
            presences.remove(c);
            answers.remove(c);
        }

        void stanza(XmppClient c, XmlNode s) {
            Occupant o = occupants.get(c);
            if (o == null) return;
            String from = s.attr("from") == null ? "" : s.attr("from");
            boolean error = "error".equals(s.attr("type"));
            if (s.name().equals("presence")) {
                if (!from.equals(o.room() + "/" + o.nick()) && !(error && from.equals(o.room()))) return;
                if (error) {
                    CompletableFuture<XmlNode> f = presences.remove(c);
                    if (f != null) f.completeExceptionally(new IllegalStateException("join:" + condition(s)));
                } else if (Stanzas.hasMucStatus(s, "110")) {
                    CompletableFuture<XmlNode> f = presences.remove(c);
                    if (f != null) f.complete(s);
                }
            } else if (s.name().equals("iq") && CONFIG_IQ_ID.equals(s.attr("id"))) {
                CompletableFuture<XmlNode> f = answers.remove(c);
                if (f == null) return;
                if (error) f.completeExceptionally(new IllegalStateException("room-config:" + condition(s)));
                else f.complete(s);
            }
        }

        private static String condition(XmlNode s) {
            return s.child("error").map(XmlNode::firstChildName).orElse("");
        }
    }

    /**
     * Which (message, receiving occupant) pairs arrived, as a bit set, how late, and how many twice.
     * Message {@code seq} went to active room {@code seq % rooms}.
     */
    private static final class Tracker {
        final LatencyHistogram latency = new LatencyHistogram();
        private final int capacity;
        private final int perRoom;
        private final int[] roomOfSlot;
        private final AtomicLongArray seen;
        final LatencyTimeline timeline;
        private final long measuredFrom;
        private final AtomicLong delivered = new AtomicLong();
        private final AtomicLong warmDelivered = new AtomicLong();
        private final AtomicLong duplicates = new AtomicLong();

        Tracker(int capacity, long measuredFrom, int perRoom, int[] roomOfSlot, int seconds) {
            this.capacity = capacity;
            this.measuredFrom = measuredFrom;
            this.timeline = new LatencyTimeline(seconds);
            this.perRoom = perRoom;
            this.roomOfSlot = roomOfSlot;
            this.seen = new AtomicLongArray((int) (((long) capacity * perRoom + 63) / 64));
        }

        int roomOf(long seq) { return roomOfSlot[(int) (seq % roomOfSlot.length)]; }

        void received(Occupant to, XmlNode message) {
            long now = System.nanoTime();
            if (!"groupchat".equals(message.attr("type")) || message.child("delay", Stanzas.NS_DELAY).isPresent()) return;
            String from = message.attr("from");
            // The sender's own copy (the room reflects every message to it too) is not a delivery.
            if (from == null || from.equals(to.room() + "/" + to.nick()) || !from.startsWith(to.room() + "/")) return;
            String body = message.child("body").map(XmlNode::text).orElse(null);
            long seq = Stanzas.groupchatSequence(body);
            long sentAt = Stanzas.chatSentNanos(body);
            if (seq < 0 || seq >= capacity || sentAt < 0 || roomOf(seq) != to.roomIndex()) return;
            long bitIndex = seq * perRoom + to.position();
            int word = (int) (bitIndex >>> 6);
            long bit = 1L << (bitIndex & 63);
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

        /** Measured deliveries (the warm-up's are counted apart). */
        long delivered() { return delivered.get(); }

        long warmDelivered() { return warmDelivered.get(); }

        long duplicates() { return duplicates.get(); }
    }
}
