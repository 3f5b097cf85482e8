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
import java.util.concurrent.CompletableFuture;
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
 *
 * <p>XEP-0198 stream management (when the host provides {@link StreamManagement}): stanzas are
 * counted both ways and what the client has not acknowledged is kept. A resumable session whose
 * connection dies is DETACHED rather than ended: it stays bound and available, deliveries queue up,
 * and a new stream of the same account may take it over with {@code <resume/>} until the timeout;
 * then it ends and its unacknowledged messages are routed again (to offline storage, usually).
 */
public final class ClientSession implements LocalSession {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    enum State { WAIT_STREAM, WAIT_FEATURE_REQUEST, WAIT_BIND, ESTABLISHED, DETACHED, CLOSED }



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
    private final StateTimer timer;   // the handshake deadline, until bound
    // XEP-0198, session executor only
    private SmState sm;                   // null until <enable/> (or resumption)
    private StreamManagement smConfig;    // the settings it was enabled with
    private boolean attachedByResumption;
    private ScheduledFuture<?> resumeTimer;
    private boolean ended;
    // Set once another session took this one over: whatever still arrives here goes there.
    private volatile ClientSession successor;

    public ClientSession(C2sEnvironment env, StreamTransport transport, String streamId) {
        this.env = env;
        this.transport = transport;
        this.streamId = streamId;
        this.executor = new SerialExecutor(env.executor(), this::afterDrain);
        this.sasl = new SaslHandler(env, this);
        this.intake = new StanzaIntake(env, this);
        this.timer = new StateTimer(env.scheduler(), this::execute, env.stateTimeout(),
                () -> state != State.ESTABLISHED && state != State.CLOSED,
                () -> streamError(StreamError.CONNECTION_TIMEOUT, "too slow to authenticate"));
    }

    // ---- events from the transport (each call is queued on the session executor) ----

    /** The connection is up: start the handshake timer. */
    public void onConnected() { execute(timer::arm); }

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
        timer.arm();
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
            case WAIT_FEATURE_REQUEST -> { timer.arm(); negotiate(e); }
            case WAIT_BIND -> {
                timer.arm();
                if (isSm(e)) smBeforeBind(e); else intake.beforeBind(e);
            }
            case ESTABLISHED -> {
                if (isSm(e)) {
                    smElement(e);
                    return;
                }
                intake.stanza(e);
                if (sm != null && Stanza.isStanzaName(e.name())) sm.handled();
            }
            case DETACHED, CLOSED -> { }
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
        timer.cancel();
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
            ClientSession next = successor;
            if (next != null) {
                next.deliver(stanza);
                return;
            }
            if (state != State.ESTABLISHED && state != State.DETACHED) {
                env.router().undeliverable(stanza);
                return;
            }
            HookBus.Outcome<CoreHooks.UserReceive> out = host.hooks().run(CoreHooks.USER_RECEIVE, new CoreHooks.UserReceive(this, stanza));
            if (!out.stopped()) writeStanza(out.event().stanza().element());
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
            ClientSession next = successor;
            if (next != null) next.send(stanza);
            else if (state == State.ESTABLISHED || state == State.DETACHED) writeStanza(stanza.element());
        });
    }

    @Override
    public void sendNow(Stanza stanza) {
        if (state == State.ESTABLISHED || state == State.DETACHED) writeStanza(stanza.element());
    }

    /** Writes a top-level element; stanzas go through the XEP-0198 count. */
    void write(Element e) {
        if (Ns.CLIENT.equals(e.namespace()) && Stanza.isStanzaName(e.name())) writeStanza(e);
        else transport.write(e);
    }

    /** A stanza for the client: counted and kept until acknowledged when SM is on; queued only while detached. */
    private void writeStanza(Element e) {
        if (sm != null) {
            sm.sent(e, Instant.now());
            if (sm.unackedCount() > smConfig.bufferMax()) {
                // MongooseIM's policy: a client that stops acknowledging loses the session.
                if (state == State.DETACHED) {
                    state = State.CLOSED;
                    end("too many unacknowledged stanzas");
                } else {
                    streamError(StreamError.RESOURCE_CONSTRAINT, "too many unacknowledged stanzas");
                }
                return;
            }
        }
        if (state != State.DETACHED) transport.write(e);
    }

    // ---- ending ----

    @Override
    public void close(StreamError error, String text) {
        execute(() -> {
            if (state == State.DETACHED) {
                state = State.CLOSED;
                end(text == null ? "closed" : text);
                return;
            }
            if (error == null) {
                if (state != State.CLOSED) {
                    state = State.CLOSED;
                    transport.closeStream();
                }
            } else streamError(error, text);
        });
    }

    void streamError(StreamError error, String text) { streamError(error, text, null); }

    /** @param detail an application-specific condition element, or null */
    private void streamError(StreamError error, String text, Element detail) {
        if (state == State.CLOSED || state == State.DETACHED) return;
        sendHeader(null);
        log.debug("{} stream error {}: {}", streamId, error.condition(), text);
        env.events().streamError(error.condition());
        Element err = error.toElement(text);
        transport.write(detail == null ? err : err.withChild(detail));
        state = State.CLOSED;
        transport.closeStream();
    }

    private void terminated() {
        State was = state;
        timer.cancel();
        if (successor != null || was == State.DETACHED) return;
        if (was == State.ESTABLISHED && sm != null && sm.resumable()) {
            detach();
            return;
        }
        state = State.CLOSED;
        end("disconnected");
    }

    /** The session is over for good: unbound, announced, and nothing it held is lost. */
    private void end(String reason) {
        if (ended) return;
        ended = true;
        cancelResumeTimer();
        if (jid != null) {
            env.sessions().unbind(this);
            available = false;
            host.hooks().run(CoreHooks.SESSION_CLOSED, new CoreHooks.SessionClosed(this, reason));
        }
        if (sm != null) {
            if (sm.resumable()) smConfig.registry().remove(sm.id, this);
            UnackedStanzas.reroute(sm.drain(), host.host(), env.router());
        }
    }

    // ---- XEP-0198 stream management ----

    private boolean isSm(Element e) {
        return StreamManagement.NS.equals(e.namespace()) && host.service(StreamManagement.class).isPresent();
    }

    /** Authenticated, not bound: {@code <resume/>} is the one SM element that belongs here. */
    private void smBeforeBind(Element e) {
        if (e.name().equals("resume")) resume(e);
        else smFailed("unexpected-request");
    }

    private void smElement(Element e) {
        switch (e.name()) {
            case "enable" -> enable(e);
            case "r" -> {
                if (sm == null) smFailed("unexpected-request");
                else transport.write(SmNonzas.ack(sm.h()));
            }
            case "a" -> {
                if (sm == null) return;
                long h = SmState.parseH(e.attr("h"));
                if (h < 0) {
                    streamError(StreamError.BAD_FORMAT, "'h' must be an unsigned 32-bit integer");
                } else if (!sm.acked(h)) {
                    // XEP-0198 §4: acknowledging more than was sent is a stream error
                    streamError(StreamError.UNDEFINED_CONDITION, "you acknowledged more stanzas than were sent",
                            SmNonzas.handledCountTooHigh(h, sm.sentCount()));
                }
            }
            case "resume" -> smFailed("unexpected-request");
            default -> streamError(StreamError.UNSUPPORTED_STANZA_TYPE, "unexpected element " + e.name());
        }
    }

    private void enable(Element e) {
        if (sm != null) {
            smFailed("unexpected-request");
            return;
        }
        smConfig = host.service(StreamManagement.class).orElse(null);
        String resume = e.attr("resume");
        boolean resumable = "true".equals(resume) || "1".equals(resume);
        sm = new SmState(resumable ? smConfig.newId() : null);
        if (resumable) smConfig.registry().register(sm.id, this);
        transport.write(SmNonzas.enabled(sm.id, smConfig.resumeTimeout().toSeconds()));
    }

    private void smFailed(String condition) {
        transport.write(SmNonzas.failed(condition));
    }

    private void resumeFailed(String condition) {
        env.events().smResumeFailed();
        smFailed(condition);
    }

    /** The connection died under a resumable session: keep it for {@code resume_timeout}. */
    private void detach() {
        state = State.DETACHED;
        env.events().smDetached();
        log.debug("{} detached, resumable as {} for {}", streamId, sm.id, smConfig.resumeTimeout());
        resumeTimer = env.scheduler().schedule(() -> execute(this::resumeTimedOut),
                smConfig.resumeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void resumeTimedOut() {
        resumeTimer = null;
        if (state != State.DETACHED || successor != null) return;
        state = State.CLOSED;
        end("not resumed in time");
    }

    private void cancelResumeTimer() {
        if (resumeTimer != null) {
            resumeTimer.cancel(false);
            resumeTimer = null;
        }
    }

    /** This (new, authenticated) stream asks to take over the session {@code previd}. */
    private void resume(Element e) {
        StreamManagement config = host.service(StreamManagement.class).orElse(null);
        String previd = e.attr("previd");
        long h = SmState.parseH(e.attr("h"));
        if (previd == null || h < 0) {
            resumeFailed("bad-request");
            return;
        }
        ClientSession old = config.registry().find(previd).orElse(null);
        if (old == null || old == this) {
            resumeFailed("item-not-found");
            return;
        }
        if (!user.equals(old.user())) {
            resumeFailed("not-authorized");
            return;
        }
        // The old session's state belongs to its executor: it packs it up there. Waiting blocks only
        // this session's virtual thread, and the old session never waits for this one.
        Handover got = old.handOver(this, h).join();
        if (got.failure() != null) {
            resumeFailed(got.failure());
            return;
        }
        jid = got.jid();
        presence = got.presence();
        available = got.available();
        priority = got.priority();
        attributes.putAll(got.attributes());
        sm = got.sm();
        smConfig = got.config();
        attachedByResumption = true;
        state = State.ESTABLISHED;
        timer.cancel();
        env.sessions().bind(this);   // replaces the old session in the directory (its close is a no-op now)
        smConfig.registry().register(sm.id, this);
        env.events().smResumed();
        transport.write(SmNonzas.resumed(sm.id, sm.h()));
        for (SmState.Unacked u : sm.unacked()) transport.write(u.stanza());
        if (sm.unackedCount() > 0) {
            sm.ackDue(1);
            transport.write(SmNonzas.ACK_REQUEST);
        }
        log.debug("{} resumed {} as {} ({} stanzas re-sent)", streamId, previd, jid, sm.unackedCount());
    }

    /** Runs on this session's executor: gives its state to {@code next}, which resumes it. */
    CompletableFuture<Handover> handOver(ClientSession next, long h) {
        CompletableFuture<Handover> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(giveUp(next, h));
            } catch (Throwable t) {
                result.complete(Handover.failed("internal-server-error"));
                throw t;
            }
        });
        return result;
    }

    private Handover giveUp(ClientSession next, long h) {
        if (successor != null || ended || sm == null || (state != State.ESTABLISHED && state != State.DETACHED)) {
            return Handover.failed("item-not-found");
        }
        // A connection that got here by resuming is live: a second <resume/> with the same id is a
        // duplicate, not a reconnect (a session that was never resumed may have died unnoticed).
        if (state == State.ESTABLISHED && attachedByResumption) return Handover.failed("item-not-found");
        if (!sm.acked(h)) return Handover.failed("undefined-condition");
        if (state == State.ESTABLISHED) streamError(StreamError.CONFLICT, "Replaced by a resumed stream");
        state = State.CLOSED;
        successor = next;
        cancelResumeTimer();
        timer.cancel();
        Handover out = new Handover(null, jid, presence, available, priority, Map.copyOf(attributes), sm, smConfig);
        sm = null;
        return out;
    }

    // ---- plumbing ----

    @Override
    public void execute(Runnable task) { executor.execute(task); }

    private void afterDrain() {
        if (sm != null && state == State.ESTABLISHED && sm.ackDue(smConfig.ackFreq())) transport.write(SmNonzas.ACK_REQUEST);
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
