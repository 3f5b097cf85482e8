package dev.meerkat.c2s.bosh;

import dev.meerkat.c2s.ClientSession;
import dev.meerkat.c2s.StreamTransport;
import dev.meerkat.sasl.ChannelBinding;
import dev.meerkat.stream.StreamError;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import dev.meerkat.xml.StreamHeader;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One BOSH session (XEP-0124) carrying one XMPP stream (XEP-0206): the {@link StreamTransport} of
 * its {@link ClientSession}, and the bookkeeping of the HTTP requests the client keeps open.
 *
 * <p>Requests are processed strictly in rid order: one that arrives early (inside the window of
 * {@code requests}) waits for the missing ones. Processed requests are <i>held</i> (at most
 * {@code hold}) until there is something for the client or {@code wait} passes; the oldest is
 * answered first. Output written while nothing is held is queued for the next request. The last
 * {@code requests} responses are kept for a client that repeats a rid.
 *
 * <p>Threading: requests arrive on event loops, output and stream ends on the session's
 * executor, timers on the scheduler; all state below is guarded by {@code this}. Calls into the
 * {@link ClientSession} made under the lock only queue work on its executor, so they keep the
 * rid order and cannot deadlock.
 */
final class BoshSession implements StreamTransport {
    private static final Logger log = LoggerFactory.getLogger(BoshSession.class);

    /** What the session was granted at creation. */
    record Params(Duration waitTime, int hold, int requests, Duration inactivity, Duration maxPause, boolean ack,
                  String ver, boolean secure) {}

    /** A processed request waiting for its response. */
    private static final class Held {
        Channel channel;
        boolean keepAlive;
        final long rid;
        ScheduledFuture<?> timer;

        Held(Channel channel, boolean keepAlive, long rid) {
            this.channel = channel;
            this.keepAlive = keepAlive;
            this.rid = rid;
        }
    }

    /** A request that arrived ahead of a missing rid. */
    private record Early(Channel channel, boolean keepAlive, Element body) {}

    private final String sid;
    private final Params params;
    private final BoshEndpoint endpoint;
    private final ScheduledExecutorService scheduler;
    private final InetSocketAddress remote;
    private final List<String> batch = new ArrayList<>(); // session executor only
    private ClientSession session;

    // guarded by this
    private long lastRid;                                  // highest rid processed
    private final long firstRid;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final NavigableMap<Long, Early> early = new TreeMap<>();
    private final List<String> pending = new ArrayList<>(); // for the client, nothing held to carry it
    private final Map<Long, String> sent = new LinkedHashMap<>(); // rid → response, for retransmission
    private String authid;
    private String from;
    private boolean creationAnswered;
    private String streamErrorCondition;                   // a stream error is among the pending output
    private String finalBody;                              // the server closed the stream: the last response
    private boolean ended;                                 // gone from the endpoint
    private boolean disconnected;                          // the ClientSession was told
    private Duration idleAllowed;                          // inactivity, or the pause the client asked for
    private ScheduledFuture<?> inactivityTimer;
    private ScheduledFuture<?> lifetimeTimer;

    BoshSession(String sid, Params params, long firstRid, BoshEndpoint endpoint, ScheduledExecutorService scheduler,
                InetSocketAddress remote) {
        this.sid = sid;
        this.params = params;
        this.firstRid = firstRid;
        this.lastRid = firstRid;
        this.endpoint = endpoint;
        this.scheduler = scheduler;
        this.remote = remote;
        this.idleAllowed = params.inactivity();
    }

    String sid() { return sid; }

    /** Holds the creation request and opens the stream; {@code lifetime} may be null. */
    synchronized void start(ClientSession clientSession, Channel channel, boolean keepAlive, Element body, Duration lifetime) {
        this.session = clientSession;
        hold(new Held(channel, keepAlive, firstRid));
        session.onConnected();
        session.onStreamOpened(header(body));
        if (lifetime != null) {
            lifetimeTimer = scheduler.schedule(() -> session.close(StreamError.RESET, "maximum BOSH session lifetime reached"),
                    lifetime.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // ---- requests (event loop) ----

    void onRequest(Channel channel, boolean keepAlive, long rid, Element body) {
        boolean disconnect;
        synchronized (this) {
            if (ended) {
                endpoint.respond(channel, keepAlive, HttpResponseStatus.NOT_FOUND, Bodies.terminate("item-not-found"));
                return;
            }
            if (finalBody != null) {
                endpoint.respond(channel, keepAlive, HttpResponseStatus.OK, finalBody);
                end();
                return;
            }
            disconnect = accept(channel, keepAlive, rid, body);
        }
        if (disconnect) disconnectSession();
    }

    /** True if the session failed and must be told the client is gone. */
    private boolean accept(Channel channel, boolean keepAlive, long rid, Element body) {
        if (rid <= lastRid) {
            String again = sent.get(rid);
            if (again != null) {
                endpoint.counters().retransmissions.increment();
                endpoint.respond(channel, keepAlive, HttpResponseStatus.OK, again);
                return false;
            }
            for (Held h : held) {
                if (h.rid == rid) { // the client gave up on the first copy: answer the new one instead
                    endpoint.respond(h.channel, h.keepAlive, HttpResponseStatus.OK, Bodies.body(Map.of(), List.of()));
                    h.channel = channel;
                    h.keepAlive = keepAlive;
                    return false;
                }
            }
            return fail(channel, keepAlive, "item-not-found", "rid " + rid + " was answered too long ago");
        }
        if (rid > lastRid + params.requests()) {
            return fail(channel, keepAlive, "item-not-found", "rid " + rid + " is beyond the window of " + params.requests());
        }
        cancelInactivity();
        if (rid != lastRid + 1) {
            if (early.put(rid, new Early(channel, keepAlive, body)) != null) {
                return fail(channel, keepAlive, "item-not-found", "rid " + rid + " sent twice before it could be processed");
            }
            return false;
        }
        if (process(channel, keepAlive, rid, body)) return true;
        for (Early next; (next = early.remove(lastRid + 1)) != null; ) {
            if (process(next.channel(), next.keepAlive(), lastRid + 1, next.body())) return true;
        }
        return false;
    }

    /** One request in rid order. True if the session failed. */
    private boolean process(Channel channel, boolean keepAlive, long rid, Element body) {
        lastRid = rid;
        Held request = new Held(channel, keepAlive, rid);
        held.addLast(request);
        if ("terminate".equals(body.attr("type"))) {
            // Stanzas inside (a final unavailable presence) go first; the session then closes
            // the stream and closeStream() answers this request.
            forward(body);
            session.onStreamClosed();
            armWait(request); // in case the stream was already closing
            return false;
        }
        if (isTrue(xboshAttribute(body, "restart"))) session.onStreamOpened(header(body));
        forward(body);
        String pause = body.attr("pause");
        if (pause != null) {
            long seconds = parseSeconds(pause);
            if (seconds < 0 || seconds > params.maxPause().toSeconds()) {
                held.remove(request);
                return fail(channel, keepAlive, "policy-violation", "pause of " + pause + " s not allowed");
            }
            // §10: answer everything now, and allow the client to stay away for that long once.
            idleAllowed = Duration.ofSeconds(seconds);
            while (!held.isEmpty()) answerOldest();
            return false;
        }
        idleAllowed = params.inactivity();
        while (held.size() > params.hold()) answerOldest();
        if (!pending.isEmpty() && !held.isEmpty()) answerOldest();
        if (held.contains(request)) armWait(request);
        return false;
    }

    private void forward(Element body) {
        for (Element child : body.elements()) session.onElement(Bodies.toClientNamespace(child));
    }

    private void hold(Held request) {
        held.addLast(request);
        armWait(request);
    }

    private void armWait(Held request) {
        request.timer = scheduler.schedule(() -> waitExpired(request), params.waitTime().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void waitExpired(Held request) {
        if (ended || !held.remove(request)) return;
        held.addFirst(request);
        answerOldest();
    }

    /** Answers the oldest held request with everything pending (possibly nothing). */
    private void answerOldest() {
        Held r = held.pollFirst();
        if (r.timer != null) r.timer.cancel(false);
        Map<String, String> attributes = new LinkedHashMap<>();
        if (!creationAnswered && r.rid == firstRid) {
            creationAnswered = true;
            creationAttributes(attributes);
        } else if (params.ack() && r.rid < lastRid) {
            attributes.put("ack", Long.toString(lastRid)); // §9.2: tell the client what else arrived
        }
        String response = Bodies.body(attributes, List.copyOf(pending));
        pending.clear();
        remember(r.rid, response);
        endpoint.respond(r.channel, r.keepAlive, HttpResponseStatus.OK, response);
        if (held.isEmpty() && early.isEmpty()) armInactivity();
    }

    private void creationAttributes(Map<String, String> a) {
        a.put("sid", sid);
        a.put("wait", Long.toString(params.waitTime().toSeconds()));
        a.put("requests", Integer.toString(params.requests()));
        a.put("hold", Integer.toString(params.hold()));
        a.put("inactivity", Long.toString(params.inactivity().toSeconds()));
        a.put("maxpause", Long.toString(params.maxPause().toSeconds()));
        a.put("polling", "1");
        a.put("ver", params.ver());
        if (from != null) a.put("from", from);
        if (authid != null) a.put("authid", authid);
        if (params.ack()) a.put("ack", Long.toString(firstRid));
        a.put("secure", "true"); // the stream runs inside this server: nothing unencrypted beyond it
        a.put("xmpp:version", "1.0");
        a.put("xmpp:restartlogic", "true");
    }

    private void remember(long rid, String response) {
        sent.put(rid, response);
        sent.keySet().removeIf(r -> r <= lastRid - params.requests());
    }

    /**
     * A terminal binding error: the client gets it on {@code channel} (and on every held request),
     * and the session ends as if the connection dropped. True: the ClientSession must be told.
     */
    private boolean fail(Channel channel, boolean keepAlive, String condition, String why) {
        log.debug("BOSH session {} terminated with {}: {}", sid, condition, why);
        String response = Bodies.terminate(condition);
        HttpResponseStatus status = switch (condition) {
            case "item-not-found" -> HttpResponseStatus.NOT_FOUND;
            case "policy-violation" -> HttpResponseStatus.FORBIDDEN;
            default -> HttpResponseStatus.BAD_REQUEST;
        };
        endpoint.respond(channel, keepAlive, status, response);
        terminateHeld(response);
        end();
        return true;
    }

    void badRequest(Channel channel, boolean keepAlive) {
        boolean disconnect;
        synchronized (this) {
            disconnect = !ended && fail(channel, keepAlive, "bad-request", "malformed request");
        }
        if (disconnect) disconnectSession();
        else endpoint.respond(channel, keepAlive, HttpResponseStatus.BAD_REQUEST, Bodies.terminate("bad-request"));
    }

    private void terminateHeld(String response) {
        while (!held.isEmpty()) {
            Held h = held.pollFirst();
            if (h.timer != null) h.timer.cancel(false);
            endpoint.respond(h.channel, h.keepAlive, HttpResponseStatus.OK, response);
        }
        for (Early e : early.values()) endpoint.respond(e.channel(), e.keepAlive(), HttpResponseStatus.OK, response);
        early.clear();
    }

    // ---- timers ----

    private void armInactivity() {
        cancelInactivity();
        inactivityTimer = scheduler.schedule(this::inactive, idleAllowed.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelInactivity() {
        if (inactivityTimer != null) inactivityTimer.cancel(false);
        inactivityTimer = null;
    }

    private void inactive() {
        synchronized (this) {
            if (ended || !held.isEmpty() || !early.isEmpty()) return;
            end();
        }
        disconnectSession(); // like a dropped TCP connection: unavailable broadcast, SESSION_CLOSED
    }

    /** Forgets the session: no more requests are accepted for its sid. */
    private void end() {
        if (ended) return;
        ended = true;
        cancelInactivity();
        if (lifetimeTimer != null) lifetimeTimer.cancel(false);
        for (Held h : held) if (h.timer != null) h.timer.cancel(false);
        endpoint.remove(this);
    }

    private void disconnectSession() {
        synchronized (this) {
            if (disconnected) return;
            disconnected = true;
        }
        session.onDisconnected();
    }

    /** The listener is shutting down. */
    void shutdown() {
        synchronized (this) {
            terminateHeld(Bodies.terminate("system-shutdown"));
            end();
        }
        disconnectSession();
    }

    // ---- StreamTransport (session executor) ----

    @Override
    public synchronized void openStream(String from, String id, String to) {
        if (authid == null) authid = id;
        if (this.from == null) this.from = from;
    }

    @Override
    public void write(Element element) {
        if (element.is("error", Ns.STREAMS)) {
            String condition = element.elements().isEmpty() ? "undefined-condition" : element.elements().getFirst().name();
            synchronized (this) {
                streamErrorCondition = condition;
            }
        }
        batch.add(Bodies.serialize(element));
    }

    @Override
    public void flush() {
        if (batch.isEmpty()) return;
        synchronized (this) {
            pending.addAll(batch);
            batch.clear();
            if (ended || finalBody != null) {
                pending.clear();
                return;
            }
            if (!held.isEmpty()) answerOldest();
        }
    }

    @Override
    public void closeStream() {
        synchronized (this) {
            pending.addAll(batch);
            batch.clear();
            if (!ended && finalBody == null) {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("type", "terminate");
                // XEP-0206 §7: stream errors travel inside a remote-stream-error; an unknown host has its own condition.
                if ("host-unknown".equals(streamErrorCondition)) {
                    attributes.put("condition", "host-unknown");
                    pending.clear();
                } else if (streamErrorCondition != null) {
                    attributes.put("condition", "remote-stream-error");
                }
                finalBody = Bodies.body(attributes, List.copyOf(pending));
                pending.clear();
                if (!held.isEmpty()) {
                    Held first = held.pollFirst();
                    if (first.timer != null) first.timer.cancel(false);
                    endpoint.respond(first.channel, first.keepAlive, HttpResponseStatus.OK, finalBody);
                    terminateHeld(Bodies.terminate(null));
                    end();
                } else {
                    armInactivity(); // the client may still come for the final body
                }
            }
        }
        disconnectSession();
    }

    @Override
    public void abort() {
        synchronized (this) {
            batch.clear();
            terminateHeld(Bodies.terminate("undefined-condition"));
            end();
        }
        disconnectSession();
    }

    @Override
    public boolean canStartTls() { return false; }

    @Override
    public void startTls(Element proceed) {
        throw new UnsupportedOperationException("no STARTTLS over BOSH");
    }

    /** Nothing to reset: every request body is parsed on its own. */
    @Override
    public void restartStream() { }

    @Override
    public boolean isSecure() { return params.secure(); }

    /** Requests may come over different TLS connections, so no binding to one of them holds. */
    @Override
    public ChannelBinding channelBinding() { return ChannelBinding.NONE; }

    @Override
    public InetSocketAddress remoteAddress() { return remote; }

    @Override
    public String name() { return "bosh"; }

    /** Back-pressure comes from the client itself: it sends at most {@code requests} requests at once. */
    @Override
    public void setReading(boolean reading) { }

    // ---- helpers ----

    /** The RFC 6120 stream header a session creation or restart body stands for (XEP-0206). */
    static StreamHeader header(Element body) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (body.attr("to") != null) attributes.put("to", body.attr("to"));
        String version = xboshAttribute(body, "version");
        attributes.put("version", version == null ? "1.0" : version);
        if (body.attr("xml:lang") != null) attributes.put("xml:lang", body.attr("xml:lang"));
        return new StreamHeader("stream", "stream", Ns.STREAMS, Map.copyOf(attributes),
                Map.of("", Ns.CLIENT, "stream", Ns.STREAMS));
    }

    /** {@code xmpp:version} and {@code xmpp:restart} (XEP-0206), in {@code urn:xmpp:xbosh}. */
    static String xboshAttribute(Element body, String localName) {
        return body.attr("{" + Bodies.XBOSH + "}" + localName);
    }

    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private static long parseSeconds(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() { return "BoshSession[" + sid + "]"; }
}
