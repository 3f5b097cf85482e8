package dev.meerkat.load.client;

import dev.meerkat.load.LoadConfig;
import dev.meerkat.load.TlsMode;
import dev.meerkat.load.sasl.Mechanism;
import dev.meerkat.load.sasl.SaltedPasswordCache;
import dev.meerkat.load.sasl.ScramClient;
import dev.meerkat.load.xml.StreamReader;
import dev.meerkat.load.xml.Stanzas;
import dev.meerkat.load.xml.XmlNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One XMPP client connection: stream, STARTTLS, SASL, bind, roster get, initial presence (or a
 * XEP-0077 registration), then chat messages. All its state is touched on its channel's event
 * loop only; the listener is called there too, at most once with {@code failed}.
 */
public final class XmppClient extends ChannelInboundHandlerAdapter implements StreamReader.Handler {
    public enum Purpose { LOGIN, REGISTER }

    public interface Listener {
        /** Logged in (roster answered, initial presence sent), or registered. */
        void ready(XmppClient client);

        /** Gave up before being ready, or lost the connection afterwards; {@code kind} says why. */
        void failed(XmppClient client, String kind);

        /** A message arrived on a ready client. */
        default void message(XmppClient client, XmlNode message) { }

        /** A presence, or the answer (result or error) to an IQ the caller sent, arrived on a ready client. */
        default void stanza(XmppClient client, XmlNode stanza) { }
    }

    private enum Phase { CONNECTING, TLS, FEATURES, STARTTLS, SASL, BIND, SESSION, ROSTER, REGISTER, READY, CLOSING, DONE }

    private final LoadConfig config;
    private final int userIndex;
    private final long connectionNumber;
    private final Purpose purpose;
    private final Listener listener;
    private final SslContext ssl;
    private final SaltedPasswordCache saltedPasswords;
    private Channel channel;
    private StreamReader reader;
    private Phase phase = Phase.CONNECTING;
    private boolean secure;
    private boolean authenticated;
    private boolean sessionRequired;
    private ScramClient scram;
    private long startedNanos;
    private long readyNanos;
    private ScheduledFuture<?> timeout;
    private String fullJid;

    XmppClient(LoadConfig config, int userIndex, long connectionNumber, Purpose purpose, Listener listener, SslContext ssl,
               SaltedPasswordCache saltedPasswords) {
        this.config = config;
        this.userIndex = userIndex;
        this.connectionNumber = connectionNumber;
        this.purpose = purpose;
        this.listener = listener;
        this.ssl = ssl;
        this.saltedPasswords = saltedPasswords;
    }

    public int userIndex() { return userIndex; }

    public String username() { return config.username(userIndex); }

    public String bareJid() { return username() + "@" + config.domain(); }

    /** The JID the server bound, once ready. */
    public String fullJid() { return fullJid; }

    /** Nanoseconds from the connect call until ready. */
    public long loginNanos() { return readyNanos - startedNanos; }

    public boolean isReady() { return phase == Phase.READY; }

    void markStarted() { startedNanos = System.nanoTime(); }

    void init(Channel ch) {
        channel = ch;
        if (config.tls() == TlsMode.DIRECT) ch.pipeline().addLast(newSslHandler(ch));
        ch.pipeline().addLast(this);
        timeout = ch.eventLoop().schedule(() -> fail("timeout:" + phase.name().toLowerCase()),
                config.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private SslHandler newSslHandler(Channel ch) {
        SslHandler h = ssl.newHandler(ch.alloc(), config.host(), config.port());
        h.handshakeFuture().addListener(this::handshakeDone);
        return h;
    }

    void connectFailed(Throwable cause) { fail("connect:" + cause.getClass().getSimpleName()); }

    // ---- writing (any thread: Netty hops to the event loop) ----

    /** Sends raw XML; from any thread. */
    public void send(String xml) {
        Channel ch = channel;
        if (ch != null && ch.isActive()) ch.writeAndFlush(ByteBufUtil.writeUtf8(ch.alloc(), xml), ch.voidPromise());
    }

    /** Ends the stream politely and closes; the connection is force-closed if the server does not answer. */
    public void close() {
        Channel ch = channel;
        if (ch == null) {
            phase = Phase.DONE;
            return;
        }
        ch.eventLoop().execute(() -> {
            if (phase == Phase.DONE || phase == Phase.CLOSING) return;
            phase = Phase.CLOSING;
            cancelTimeout();
            if (ch.isActive()) {
                send(Stanzas.streamEnd());
                ch.eventLoop().schedule(() -> { ch.close(); }, 2, TimeUnit.SECONDS);
            }
        });
    }

    // ---- events ----

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (config.tls() == TlsMode.DIRECT) {
            phase = Phase.TLS;
        } else {
            openStream();
        }
        ctx.fireChannelActive();
    }

    private void handshakeDone(Future<? super Channel> f) {
        if (!f.isSuccess()) {
            fail("tls:" + f.cause().getClass().getSimpleName());
            return;
        }
        secure = true;
        openStream();
    }

    private void openStream() {
        reader = new StreamReader(this);
        phase = Phase.FEATURES;
        send(Stanzas.streamHeader(config.domain()));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (reader == null) return;
            byte[] bytes = ByteBufUtil.getBytes(buf);
            reader.feed(bytes, 0, bytes.length);
        } catch (Exception e) {
            fail("xml:" + e.getClass().getSimpleName());
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (phase == Phase.CLOSING) phase = Phase.DONE;
        else fail(phase == Phase.READY ? "disconnected" : "closed:" + phase.name().toLowerCase());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail("io:" + cause.getClass().getSimpleName());
    }

    @Override
    public void streamOpened(Map<String, String> attrs) { }

    @Override
    public void streamClosed() {
        if (phase == Phase.CLOSING) {
            channel.close();
        } else {
            fail(phase == Phase.READY ? "disconnected" : "stream-closed:" + phase.name().toLowerCase());
        }
    }

    @Override
    public void element(XmlNode e) {
        if (e.is("error", Stanzas.NS_STREAMS)) {
            fail("stream-error:" + e.firstChildName());
            return;
        }
        switch (phase) {
            case FEATURES -> { if (e.is("features", Stanzas.NS_STREAMS)) features(e); else fail("unexpected:" + e.name()); }
            case STARTTLS -> startTlsReply(e);
            case SASL -> sasl(e);
            case BIND, SESSION, ROSTER, REGISTER -> iqReply(e);
            case READY -> stanza(e);
            default -> { }
        }
    }

    private void features(XmlNode f) {
        if (!authenticated) {
            if (config.tls() == TlsMode.STARTTLS && !secure) {
                if (f.child("starttls", Stanzas.NS_TLS).isEmpty()) {
                    fail("no-starttls");
                    return;
                }
                phase = Phase.STARTTLS;
                send(Stanzas.startTls());
                return;
            }
            if (purpose == Purpose.REGISTER) {
                phase = Phase.REGISTER;
                send(Stanzas.register("reg", username(), config.password()));
                return;
            }
            authenticate(f);
            return;
        }
        sessionRequired = f.child("session", Stanzas.NS_SESSION).map(s -> s.child("optional").isEmpty()).orElse(false);
        phase = Phase.BIND;
        // One resource per connection: two logins of one account at once must not replace each other.
        send(Stanzas.bind("bind", config.resource() + "-" + connectionNumber));
    }

    private void authenticate(XmlNode features) {
        Mechanism m = config.mechanism();
        boolean offered = features.child("mechanisms", Stanzas.NS_SASL).stream()
                .flatMap(ms -> ms.children().stream()).anyMatch(c -> c.text().strip().equals(m.wireName()));
        if (!offered) {
            fail("mechanism-not-offered");
            return;
        }
        phase = Phase.SASL;
        if (m.isScram()) {
            String nonce = Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(ThreadLocalRandom.current().nextLong());
            scram = new ScramClient(m, username(), config.password(), nonce, saltedPasswords);
            send(Stanzas.auth(m.wireName(), scram.clientFirst()));
        } else {
            send(Stanzas.auth(m.wireName(), Stanzas.utf8("\0" + username() + "\0" + config.password())));
        }
    }

    private void startTlsReply(XmlNode e) {
        if (!e.is("proceed", Stanzas.NS_TLS)) {
            fail("starttls-refused");
            return;
        }
        // Nothing may follow <proceed/> in clear: the handshake starts now, then a new stream.
        reader = null;
        phase = Phase.TLS;
        channel.pipeline().addFirst(newSslHandler(channel));
    }

    private void sasl(XmlNode e) {
        if (!Stanzas.NS_SASL.equals(e.ns())) {
            fail("unexpected:" + e.name());
            return;
        }
        switch (e.name()) {
            case "challenge" -> {
                if (scram == null) {
                    fail("sasl:unexpected-challenge");
                    return;
                }
                try {
                    scram.clientFinal(Stanzas.decodeBase64(e.text())).whenComplete((fin, err) -> channel.eventLoop().execute(() -> {
                        if (err != null) fail("sasl:client-error");
                        else if (phase == Phase.SASL) send(Stanzas.response(fin));
                    }));
                } catch (IllegalArgumentException ex) {
                    fail("sasl:bad-challenge");
                }
            }
            case "success" -> {
                if (scram != null && !scram.verifyServerFinal(Stanzas.decodeBase64(e.text()))) {
                    fail("sasl:bad-server-signature");
                    return;
                }
                authenticated = true;
                openStream();
            }
            case "failure" -> fail("sasl:" + e.firstChildName());
            default -> fail("unexpected:" + e.name());
        }
    }

    private void iqReply(XmlNode e) {
        if (!e.name().equals("iq")) return;  // e.g. a message or presence racing the login: not ours to judge
        String id = e.attr("id");
        String type = e.attr("type");
        if ("get".equals(type) || "set".equals(type)) {
            answer(e);
            return;
        }
        boolean ok = "result".equals(type);
        switch (phase) {
            case REGISTER -> {
                if (!"reg".equals(id)) return;
                // An account that already exists is what we want, too.
                String condition = e.child("error").map(XmlNode::firstChildName).orElse("");
                if (ok || condition.equals("conflict")) becomeReady();
                else fail("register:" + condition);
            }
            case BIND -> {
                if (!"bind".equals(id)) return;
                if (!ok) {
                    fail("bind:" + e.child("error").map(XmlNode::firstChildName).orElse(""));
                    return;
                }
                fullJid = e.child("bind", Stanzas.NS_BIND).flatMap(b -> b.child("jid")).map(XmlNode::text).orElse(null);
                if (sessionRequired) {
                    phase = Phase.SESSION;
                    send(Stanzas.session("sess"));
                } else {
                    requestRoster();
                }
            }
            case SESSION -> {
                if (!"sess".equals(id)) return;
                if (!ok) fail("session:" + e.child("error").map(XmlNode::firstChildName).orElse(""));
                else requestRoster();
            }
            case ROSTER -> {
                // A server without a roster answers with an error: the login itself still worked.
                if (!"roster".equals(id)) return;
                send(Stanzas.presence());
                becomeReady();
            }
            default -> { }
        }
    }

    private void requestRoster() {
        phase = Phase.ROSTER;
        send(Stanzas.rosterGet("roster"));
    }

    private void becomeReady() {
        readyNanos = System.nanoTime();
        phase = Phase.READY;
        cancelTimeout();
        listener.ready(this);
    }

    private void stanza(XmlNode e) {
        switch (e.name()) {
            case "message" -> listener.message(this, e);
            case "iq" -> {
                String type = e.attr("type");
                if ("get".equals(type) || "set".equals(type)) answer(e);
                else listener.stanza(this, e);
            }
            case "presence" -> listener.stanza(this, e);
            default -> { }
        }
    }

    /** Answers server pings; refuses any other request, as a minimal client must (RFC 6120 §8.2.3). */
    private void answer(XmlNode iq) {
        String id = iq.attr("id") == null ? "" : iq.attr("id");
        if ("get".equals(iq.attr("type")) && iq.child("ping", Stanzas.NS_PING).isPresent()) send(Stanzas.pong(id, iq.attr("from")));
        else send(Stanzas.iqError(id, iq.attr("from")));
    }

    private void fail(String kind) {
        if (phase == Phase.DONE || phase == Phase.CLOSING) return;
        phase = Phase.DONE;
        cancelTimeout();
        if (channel != null) channel.close();
        listener.failed(this, kind);
    }

    private void cancelTimeout() {
        if (timeout != null) timeout.cancel(false);
    }
}
