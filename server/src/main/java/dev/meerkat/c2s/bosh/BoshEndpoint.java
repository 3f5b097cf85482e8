package dev.meerkat.c2s.bosh;

import dev.meerkat.c2s.ClientSession;
import dev.meerkat.c2s.StreamTransport;
import dev.meerkat.config.HttpListenerConfig.BoshConfig;
import dev.meerkat.http.HttpEndpoint;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.ParserLimits;
import dev.meerkat.xml.XmlStreamException;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.FastThreadLocal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The {@code handlers.bosh} path of an HTTP listener: XMPP over BOSH (XEP-0124, XEP-0206). A
 * request without {@code sid} creates a {@link BoshSession} with its own {@link ClientSession};
 * the others go to the session their {@code sid} names. Every response carries the CORS headers,
 * and {@code OPTIONS} answers a preflight.
 */
public final class BoshEndpoint implements HttpEndpoint, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BoshEndpoint.class);
    private static final String CONTENT_TYPE = "text/xml; charset=utf-8";
    /** Room for the {@code <body/>} wrapper around stanzas of max_stanza_size. */
    private static final int BODY_SLACK = 16 * 1024;

    private final BoshConfig config;
    private final boolean secure;
    private final Function<StreamTransport, ClientSession> sessionFactory;
    private final ScheduledExecutorService scheduler;
    private final FastThreadLocal<BodyParser> parsers;
    private final Map<String, BoshSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final BoshCounters counters = new BoshCounters();

    /**
     * @param limits         the listener's limits; a body may exceed max_stanza_size by its wrapper
     * @param secure         the listener is HTTPS: streams count as encrypted
     * @param sessionFactory makes the client session for a new transport
     * @param scheduler      runs the wait and inactivity timers (their work never blocks)
     */
    public BoshEndpoint(BoshConfig config, ParserLimits limits, boolean secure,
                        Function<StreamTransport, ClientSession> sessionFactory, ScheduledExecutorService scheduler) {
        this.config = config;
        this.secure = secure;
        this.sessionFactory = sessionFactory;
        this.scheduler = scheduler;
        ParserLimits bodyLimits = new ParserLimits(limits.maxStanzaBytes() + BODY_SLACK, limits.maxDepth() + 1, limits.maxAttributes());
        this.parsers = new FastThreadLocal<>() {
            @Override
            protected BodyParser initialValue() { return new BodyParser(bodyLimits); }
        };
    }

    @Override
    public String path() { return config.path(); }

    /** Live sessions. */
    public int sessions() { return sessions.size(); }

    public BoshCounters counters() { return counters; }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            counters.requests.increment();
            counters.bytesIn.add(request.content().readableBytes());
            Channel channel = ctx.channel();
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (HttpMethod.OPTIONS.equals(request.method())) {
                preflight(channel, keepAlive);
                return;
            }
            if (!HttpMethod.POST.equals(request.method())) {
                FullHttpResponse r = response(HttpResponseStatus.METHOD_NOT_ALLOWED, "");
                r.headers().set(HttpHeaderNames.ALLOW, "POST, OPTIONS");
                send(channel, keepAlive, r);
                return;
            }
            Element body;
            try {
                body = parsers.get().parse(request.content());
            } catch (XmlStreamException e) {
                log.debug("BOSH request from {} not well-formed: {}", channel.remoteAddress(), e.getMessage());
                respond(channel, keepAlive, HttpResponseStatus.BAD_REQUEST, Bodies.terminate("bad-request"));
                return;
            }
            dispatch(channel, keepAlive, body);
        } finally {
            request.release();
        }
    }

    private void dispatch(Channel channel, boolean keepAlive, Element body) {
        String sid = body.attr("sid");
        BoshSession session = sid == null ? null : sessions.get(sid);
        if (sid != null && session == null) {
            respond(channel, keepAlive, HttpResponseStatus.NOT_FOUND, Bodies.terminate("item-not-found"));
            return;
        }
        long rid = parseLong(body.attr("rid"));
        if (!body.is("body", Bodies.NS) || rid < 0) {
            if (session != null) session.badRequest(channel, keepAlive);
            else respond(channel, keepAlive, HttpResponseStatus.BAD_REQUEST, Bodies.terminate("bad-request"));
            return;
        }
        if (session != null) session.onRequest(channel, keepAlive, rid, body);
        else create(channel, keepAlive, rid, body);
    }

    private void create(Channel channel, boolean keepAlive, long rid, Element body) {
        long wait = parseLong(body.attr("wait"));
        long hold = parseLong(body.attr("hold"));
        if (body.attr("wait") != null && wait < 0 || body.attr("hold") != null && hold < 0) {
            respond(channel, keepAlive, HttpResponseStatus.BAD_REQUEST, Bodies.terminate("bad-request"));
            return;
        }
        Duration grantedWait = wait < 0 ? config.maxWait() : Duration.ofSeconds(Math.min(wait, config.maxWait().toSeconds()));
        int grantedHold = hold < 0 ? Math.min(1, config.maxHold()) : (int) Math.min(hold, config.maxHold());
        BoshSession.Params params = new BoshSession.Params(grantedWait, grantedHold,
                Math.max(config.maxRequests(), grantedHold + 1), config.inactivity(), config.maxPause(),
                "1".equals(body.attr("ack")), version(body.attr("ver")), secure);
        InetSocketAddress remote = channel.remoteAddress() instanceof InetSocketAddress a ? a : new InetSocketAddress("0.0.0.0", 0);
        String sid = newSid();
        BoshSession session = new BoshSession(sid, params, rid, this, scheduler, remote);
        ClientSession clientSession = sessionFactory.apply(session);
        sessions.put(sid, session);
        counters.sessionsCreated.increment();
        log.debug("BOSH session {} from {} (wait {} s, hold {})", sid, remote, grantedWait.toSeconds(), grantedHold);
        session.start(clientSession, channel, keepAlive, body, config.maxSessionLifetime());
    }

    /** The lower of the client's XEP-0124 version and ours. */
    private static String version(String clientVersion) {
        if (clientVersion == null) return Bodies.VERSION;
        String[] c = clientVersion.split("\\.");
        String[] s = Bodies.VERSION.split("\\.");
        try {
            int major = Integer.parseInt(c[0]);
            int minor = c.length > 1 ? Integer.parseInt(c[1]) : 0;
            int ourMajor = Integer.parseInt(s[0]);
            int ourMinor = Integer.parseInt(s[1]);
            boolean older = major < ourMajor || (major == ourMajor && minor < ourMinor);
            return older && major >= 1 ? major + "." + minor : Bodies.VERSION;
        } catch (NumberFormatException e) {
            return Bodies.VERSION;
        }
    }

    private String newSid() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static long parseLong(String s) {
        if (s == null || s.isEmpty() || s.length() > 18) return -1;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return -1;
        return Long.parseLong(s);
    }

    // ---- responses (any thread) ----

    void remove(BoshSession session) {
        if (sessions.remove(session.sid(), session)) counters.sessionsEnded.increment();
    }

    /** Sends a {@code <body/>} response on {@code channel}. */
    void respond(Channel channel, boolean keepAlive, HttpResponseStatus status, String body) {
        send(channel, keepAlive, response(status, body));
    }

    private void preflight(Channel channel, boolean keepAlive) {
        FullHttpResponse r = response(HttpResponseStatus.OK, "");
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
        send(channel, keepAlive, r);
    }

    private FullHttpResponse response(HttpResponseStatus status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        HttpHeaders h = r.headers();
        if (bytes.length > 0) h.set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, config.allowOrigin());
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS");
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type");
        if (!"*".equals(config.allowOrigin())) h.set(HttpHeaderNames.VARY, "Origin");
        counters.bytesOut.add(bytes.length);
        return r;
    }

    private static void send(Channel channel, boolean keepAlive, FullHttpResponse r) {
        HttpUtil.setKeepAlive(r, keepAlive);
        if (!channel.isActive()) {
            r.release();
            return;
        }
        if (keepAlive) channel.writeAndFlush(r, channel.voidPromise());
        else channel.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    /** Ends every session (server shutdown): held requests get {@code system-shutdown}. */
    @Override
    public void close() {
        for (BoshSession s : List.copyOf(sessions.values())) s.shutdown();
    }
}
