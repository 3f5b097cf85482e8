package dev.meerkat.c2s;

import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookBus;
import dev.meerkat.jid.Jid;
import dev.meerkat.jid.JidFormatException;
import dev.meerkat.module.HostContext;
import dev.meerkat.module.IqTarget;
import dev.meerkat.routing.IqDispatcher;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionKey;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stream.StreamError;
import dev.meerkat.util.SerialExecutor;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import dev.meerkat.xml.StreamHeader;
import dev.meerkat.xml.XmlStreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client session: the RFC 6120 stream state machine (open, STARTTLS, SASL, bind) and then the
 * session's stanza traffic. Transport-neutral: TCP, WebSocket and BOSH feed it the same events.
 *
 * <p>Threading: every {@code on*} method and every delivery runs on the session's
 * {@link SerialExecutor}, in order, never on a Netty event loop. Output is batched and flushed once
 * per drain of that executor.
 */
public final class ClientSession implements LocalSession {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    enum State { WAIT_STREAM, WAIT_FEATURE_REQUEST, WAIT_BIND, ESTABLISHED, CLOSED }

    private final C2sEnvironment env;
    private final StreamTransport transport;
    private final SerialExecutor executor;
    private final String streamId;
    private final Instant startedAt = Instant.now();
    private final SaslHandler sasl;
    private final StanzaIntake intake;
    private final Map<SessionKey<?>, Object> attributes = new ConcurrentHashMap<>();

    private volatile State state = State.WAIT_STREAM;
    private volatile HostContext host;
    private volatile Jid user;
    private volatile Jid jid;
    private volatile Presence presence;
    private volatile boolean available;
    private volatile int priority;
    private boolean headerSent;
    private int restarts;
    // One state timer per session (session executor only): progress moves the deadline, and a timer
    // that fires early re-arms itself for the rest, so a login schedules one timer instead of one
    // per element (cancelled timers would linger in the scheduler's queue until their delay).
    private ScheduledFuture<?> timeout;
    private long deadline;

    public ClientSession(C2sEnvironment env, StreamTransport transport, String streamId) {
        this.env = env;
        this.transport = transport;
        this.streamId = streamId;
        this.executor = new SerialExecutor(env.executor(), this::afterDrain);
        this.sasl = new SaslHandler(env, this);
        this.intake = new StanzaIntake(env, this);
    }

    // ---- events from the transport (each call is queued on the session executor) ----

    /** The connection is up: start the handshake timer. */
    public void onConnected() { execute(this::armTimeout); }

    public void onStreamOpened(StreamHeader header) { execute(() -> streamOpened(header)); }

    public void onElement(Element element) { execute(() -> element(element)); }

    public void onStreamClosed() {
        execute(() -> {
            if (state == State.CLOSED) return;
            state = State.CLOSED;
            transport.closeStream();
        });
    }

    public void onXmlError(XmlStreamException e) {
        execute(() -> streamError(switch (e.kind()) {
            case NOT_WELL_FORMED -> StreamError.NOT_WELL_FORMED;
            case RESTRICTED_XML -> StreamError.RESTRICTED_XML;
            case POLICY_VIOLATION -> StreamError.POLICY_VIOLATION;
            case BAD_FORMAT -> StreamError.BAD_FORMAT;
            case UNSUPPORTED_ENCODING -> StreamError.UNSUPPORTED_ENCODING;
        }, e.getMessage()));
    }

    /** A shaper or other policy refused the client's traffic. */
    public void onPolicyViolation(String text) { execute(() -> streamError(StreamError.POLICY_VIOLATION, text)); }

    /** The connection is gone. */
    public void onDisconnected() { execute(this::terminated); }

    /** Entries queued or running on this session's executor (for back-pressure). */
    public int backlog() { return executor.pending(); }

    // ---- stream negotiation ----

    private void streamOpened(StreamHeader h) {
        log.debug("{} stream opened over {} (secure={}, authenticated={})", streamId, transport.name(), transport.isSecure(), user != null);
        armTimeout();
        String to = h.attr("to");
        Jid toJid = Jid.parseOrNull(to);
        HostContext target = toJid == null ? null : env.hosts().get(toJid.domain());
        if (host == null) host = target;  // a restarted stream must stay on its first host
        sendHeader(to);
        if (!Ns.STREAMS.equals(h.namespace()) || !"stream".equals(h.localName()) || !Ns.CLIENT.equals(h.defaultNamespace())) {
            streamError(StreamError.INVALID_NAMESPACE, "expected a jabber:client stream in " + Ns.STREAMS);
            return;
        }
        if (target == null || target != host) {
            streamError(StreamError.HOST_UNKNOWN, to == null ? "the stream header has no 'to'" : "this server does not serve " + to);
            return;
        }
        String version = h.attr("version");
        if (version == null || !version.startsWith("1.")) {
            streamError(StreamError.UNSUPPORTED_VERSION, "XMPP 1.0 streams only");
            return;
        }
        transport.write(features());
        state = user == null ? State.WAIT_FEATURE_REQUEST : State.WAIT_BIND;
    }

    private void sendHeader(String clientTo) {
        if (headerSent) return;
        headerSent = true;
        Jid hostJid = Jid.parseOrNull(clientTo);
        String from = host != null ? host.host() : hostJid != null ? hostJid.domain() : null;
        // RFC 6120 §4.7.3: every stream, including each restart, gets its own id
        transport.openStream(from, restarts == 0 ? streamId : streamId + "." + restarts, null);
        restarts++;
    }

    private Element features() {
        Element.Builder f = Element.builder("features", Ns.STREAMS);
        if (user == null) {
            boolean mustTls = env.tlsRequired() && !transport.isSecure();
            if (transport.canStartTls()) {
                f.child("starttls", Ns.TLS, b -> { if (env.tlsRequired()) b.child(Element.of("required", Ns.TLS)); });
            }
            if (!mustTls) {
                f.child(sasl.mechanismsFeature());
                f.child(sasl.channelBindingFeature());
                if (host.iq().findPreAuth("query", "jabber:iq:register") != null) f.child(Element.of("register", Ns.REGISTER_FEATURE));
            }
        } else {
            f.child(Element.of("bind", Ns.BIND));
            f.child("session", Ns.SESSION, b -> b.child(Element.of("optional", Ns.SESSION)));
            host.hooks().run(CoreHooks.STREAM_FEATURES, new CoreHooks.StreamFeatures(this, f::child));
        }
        return f.build();
    }

    private void element(Element e) {
        switch (state) {
            case WAIT_STREAM -> streamError(StreamError.NOT_WELL_FORMED, "stream not opened");
            case WAIT_FEATURE_REQUEST -> { armTimeout(); negotiate(e); }
            case WAIT_BIND -> { armTimeout(); intake.beforeBind(e); }
            case ESTABLISHED -> intake.stanza(e);
            case CLOSED -> { }
        }
    }

    private void negotiate(Element e) {
        if (e.is("starttls", Ns.TLS)) {
            if (!transport.canStartTls()) {
                transport.write(Element.of("failure", Ns.TLS));
                close(null, null);
                return;
            }
            flushNow();
            state = State.WAIT_STREAM;
            headerSent = false;
            transport.startTls(Element.of("proceed", Ns.TLS));
            return;
        }
        if (e.namespace().equals(Ns.SASL)) {
            if (env.tlsRequired() && !transport.isSecure()) {
                streamError(StreamError.POLICY_VIOLATION, "STARTTLS is required first");
                return;
            }
            switch (sasl.handle(e)) {
                case SaslHandler.Result.Continue c -> { }
                case SaslHandler.Result.GiveUp g -> streamError(StreamError.POLICY_VIOLATION, "too many failed authentication attempts");
                case SaslHandler.Result.Authenticated a -> {
                    user = Jid.of(a.user(), host.host(), null);
                    state = State.WAIT_STREAM;
                    headerSent = false;
                    transport.restartStream();
                    log.debug("{} authenticated as {} over {}", streamId, user, transport.name());
                }
            }
            return;
        }
        if (e.is("iq", Ns.CLIENT)) {
            preAuthIq(e);
            return;
        }
        streamError(StreamError.NOT_AUTHORIZED, "authenticate first");
    }

    /** XEP-0077: registration is the one thing a client may do before it authenticates. */
    private void preAuthIq(Element e) {
        Iq iq;
        try {
            iq = (Iq) Stanza.of(e.withoutAttr("from"));
        } catch (JidFormatException ex) {
            streamError(StreamError.NOT_AUTHORIZED, "authenticate first");
            return;
        }
        if (iq.to() != null && !iq.to().equals(Jid.domain(host.host()))) {
            streamError(StreamError.NOT_AUTHORIZED, "authenticate first");
            return;
        }
        Iq reply = iq.isRequest()
                ? IqDispatcher.dispatch(host.iq(), IqTarget.SERVER, Jid.domain(host.host()), iq, this, true)
                : null;
        if (reply == null) return;
        if (reply.isError() && host.iq().findPreAuth(iq.payload().map(Element::name).orElse(""),
                iq.payload().map(Element::namespace).orElse("")) == null) {
            streamError(StreamError.NOT_AUTHORIZED, "authenticate first");
            return;
        }
        transport.write(reply.element().withoutAttr("to").withoutAttr("from"));
    }

    /** Called by {@link StanzaIntake} when binding succeeded. */
    void bound(Jid fullJid) {
        jid = fullJid;
        state = State.ESTABLISHED;
        cancelTimeout();
        env.sessions().bind(this);
        host.hooks().run(CoreHooks.SESSION_OPENED, new CoreHooks.SessionOpened(this));
        log.debug("{} bound {}", streamId, fullJid);
    }

    /** Called by {@link StanzaIntake} for broadcast presence. */
    void presenceBroadcast(Presence p) {
        Presence previous = presence;
        if (p.isAvailable()) {
            presence = p;
            available = true;
            priority = p.priority();
        } else if (p.isUnavailable()) {
            presence = null;
            available = false;
        } else {
            return;
        }
        env.sessions().updated(this);
        host.hooks().run(CoreHooks.PRESENCE_CHANGED, new CoreHooks.PresenceChanged(this, previous, p));
    }

    // ---- delivery ----

    @Override
    public void deliver(Stanza stanza) {
        Runnable task = () -> {
            if (state != State.ESTABLISHED) {
                env.router().undeliverable(stanza);
                return;
            }
            HookBus.Outcome<CoreHooks.UserReceive> out = host.hooks().run(CoreHooks.USER_RECEIVE, new CoreHooks.UserReceive(this, stanza));
            if (!out.stopped()) transport.write(out.event().stanza().element());
        };
        // ADR 0001: when this session is idle and the caller is another session's (virtual) thread,
        // that thread delivers itself instead of waking one for us; never on an event loop, and only
        // while no user-receive handler (which might block the sender) is registered.
        HostContext h = host;
        if (h != null && Thread.currentThread().isVirtual() && !h.hooks().hasHandlers(CoreHooks.USER_RECEIVE)) {
            executor.executeOrRun(task);
        } else {
            execute(task);
        }
    }

    @Override
    public void send(Stanza stanza) {
        execute(() -> {
            if (state == State.ESTABLISHED) transport.write(stanza.element());
        });
    }

    void write(Element e) { transport.write(e); }

    // ---- ending ----

    @Override
    public void close(StreamError error, String text) {
        execute(() -> {
            if (error == null) {
                if (state != State.CLOSED) {
                    state = State.CLOSED;
                    transport.closeStream();
                }
            } else streamError(error, text);
        });
    }

    void streamError(StreamError error, String text) {
        if (state == State.CLOSED) return;
        sendHeader(null);
        log.debug("{} stream error {}: {}", streamId, error.condition(), text);
        transport.write(error.toElement(text));
        state = State.CLOSED;
        transport.closeStream();
    }

    private void terminated() {
        State was = state;
        state = State.CLOSED;
        cancelTimeout();
        if (jid != null && (was == State.ESTABLISHED || was == State.CLOSED)) {
            boolean wasBound = jid != null;
            env.sessions().unbind(this);
            available = false;
            if (wasBound) host.hooks().run(CoreHooks.SESSION_CLOSED, new CoreHooks.SessionClosed(this, "disconnected"));
        }
    }

    /** The client made progress: it has another state timeout from now. */
    private void armTimeout() {
        if (state == State.ESTABLISHED || state == State.CLOSED) {
            cancelTimeout();
            return;
        }
        long delay = env.stateTimeout().toNanos();
        deadline = System.nanoTime() + delay;
        if (timeout == null) scheduleTimeout(delay);
    }

    private void scheduleTimeout(long delayNanos) {
        timeout = env.scheduler().schedule(() -> execute(this::timeoutFired), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void timeoutFired() {
        timeout = null;
        if (state == State.ESTABLISHED || state == State.CLOSED) return;
        long left = deadline - System.nanoTime();
        if (left > 0) scheduleTimeout(left);
        else streamError(StreamError.CONNECTION_TIMEOUT, "too slow to authenticate");
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    // ---- plumbing ----

    @Override
    public void execute(Runnable task) { executor.execute(task); }

    private void afterDrain() {
        transport.flush();
        if (executor.queuedBehindDrain() == 0) transport.setReading(true);
    }

    private void flushNow() { transport.flush(); }

    StreamTransport transport() { return transport; }

    C2sEnvironment env() { return env; }

    HostContext hostContext() { return host; }

    State state() { return state; }

    @Override public String streamId() { return streamId; }

    @Override public String host() { return host == null ? null : host.host(); }

    @Override public Jid jid() { return jid; }

    @Override public Jid user() { return user; }

    @Override public String node() { return env.nodeName(); }

    @Override public int priority() { return priority; }

    @Override public boolean available() { return available; }

    @Override public InetSocketAddress remoteAddress() { return transport.remoteAddress(); }

    @Override public String transportName() { return transport.name(); }

    @Override public boolean isSecure() { return transport.isSecure(); }

    @Override public Instant startedAt() { return startedAt; }

    @Override public Presence presence() { return presence; }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(SessionKey<T> key) { return (T) attributes.get(key); }

    @Override
    public <T> void put(SessionKey<T> key, T value) {
        if (value == null) attributes.remove(key); else attributes.put(key, value);
    }

    @Override
    public String toString() { return "ClientSession[" + streamId + ", " + (jid != null ? jid : user) + ", " + state + "]"; }
}
