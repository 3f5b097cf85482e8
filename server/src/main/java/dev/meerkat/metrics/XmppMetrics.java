package dev.meerkat.metrics;

import dev.meerkat.auth.AuthService;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookBus;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.hooks.Priority;
import dev.meerkat.module.HostContext;
import dev.meerkat.sasl.SaslMechanism;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionManager;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The XMPP metrics of one node, named after MongooseIM's where it has one. Most are fed by hook
 * handlers registered on every host ({@link #attach}); bytes and connections by a
 * {@link TrafficHandler} per connection; SASL by wrapping the mechanisms ({@link #instrument});
 * stream errors by the session code through {@link #c2sEvents()}. Gauges are read at scrape time.
 *
 * <p>Every label has a bounded set of values (see {@link Labels}); all meters are created up front
 * so that counting on the stanza path does no registry look-up.
 */
public final class XmppMetrics {
    private static final Set<String> KINDS = Set.of("message", "presence", "iq", "other");
    private static final Set<String> TRANSPORTS = Set.of("tcp", "tls", "websocket", "bosh");
    private static final String ROSTER_NS = "jabber:iq:roster";
    private static final String VCARD_NS = "vcard-temp";
    private static final String COMMANDS_NS = "http://jabber.org/protocol/commands";

    private final MeterRegistry registry;
    private final SessionManager sessions;
    private final AuthService auth;

    private final CounterFamily elementIn;
    private final CounterFamily elementOut;
    private final CounterFamily messageIn;
    private final CounterFamily presenceIn;
    private final CounterFamily iqIn;
    private final CounterFamily errorsOut;
    private final CounterFamily errorsIn;
    private final CounterFamily streamErrors;
    private final CounterFamily bytesIn;
    private final CounterFamily bytesOut;
    private final CounterFamily stanzasPerTransportOut;
    private final Counter messagesRouted;
    private final Counter offlineEvents;
    private final Counter bounced;
    private final Counter presenceBroadcasts;
    private final Counter presenceInitial;
    private final Counter presenceUnavailable;
    private final Counter rosterGets;
    private final Counter rosterSets;
    private final Counter registrations;
    private final Counter removals;
    private final Counter pingsIn;
    private final Counter vcardSets;
    private final Counter vcardGets;
    private final Counter adhocExecutions;
    private final ModuleMetrics moduleMetrics;
    private final Counter webSocketSessions;
    private final Map<String, Counter> loginsByHost = new ConcurrentHashMap<>();
    private final Map<String, Counter> logoutsByHost = new ConcurrentHashMap<>();
    private final Map<String, Counter> connectionsAccepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> saslAttempts = new ConcurrentHashMap<>();
    private final Map<String, Counter> saslSuccess = new ConcurrentHashMap<>();
    private final Map<String, Counter> saslFailed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> registeredUsers = new ConcurrentHashMap<>();
    private final C2sEvents c2sEvents;

    public XmppMetrics(MeterRegistry registry, SessionManager sessions, AuthService auth, Clock clock, Instant startedAt) {
        this.registry = registry;
        this.sessions = sessions;
        this.auth = auth;
        elementIn = new CounterFamily(registry, "c2s_element_in", "Top-level elements received from clients", "kind", KINDS);
        elementOut = new CounterFamily(registry, "c2s_element_out", "Stanzas delivered to clients", "kind", KINDS);
        messageIn = new CounterFamily(registry, "c2s_message_in", "Messages sent by clients, by type", "type", Labels.MESSAGE_TYPES);
        presenceIn = new CounterFamily(registry, "c2s_presence_in", "Presence stanzas sent by clients, by type", "type", Labels.PRESENCE_TYPES);
        iqIn = new CounterFamily(registry, "c2s_iq_in", "IQ requests sent by clients, by payload namespace", "namespace", Labels.IQ_NAMESPACES);
        errorsOut = new CounterFamily(registry, "xmpp_errors", "Error stanzas delivered to clients, by condition", "condition", Labels.STANZA_ERRORS);
        errorsIn = new CounterFamily(registry, "xmpp_errors_in", "Error stanzas sent by clients, by condition", "condition", Labels.STANZA_ERRORS);
        streamErrors = new CounterFamily(registry, "c2s_stream_errors", "Stream errors sent to clients, by condition", "condition", Labels.STREAM_ERRORS);
        bytesIn = new CounterFamily(registry, "c2s_data_in_bytes", "Bytes received from clients, by transport", "transport", TRANSPORTS);
        bytesOut = new CounterFamily(registry, "c2s_data_out_bytes", "Bytes sent to clients, by transport", "transport", TRANSPORTS);
        stanzasPerTransportOut = new CounterFamily(registry, "c2s_stanza_out_by_transport", "Stanzas delivered to clients, by transport", "transport", TRANSPORTS);
        messagesRouted = counter("sm_message_routed", "Messages sent by local users and handed to the router");
        offlineEvents = counter("sm_message_to_offline_user", "Messages for an existing account with no session to receive them");
        bounced = counter("sm_message_bounced", "Messages for an offline user that no module stored (answered or dropped per RFC 6121)");
        presenceBroadcasts = counter("sm_presence_broadcast", "Broadcast presence changes of local sessions");
        presenceInitial = counter("sm_presence_initial", "Initial presence sent by local sessions");
        presenceUnavailable = counter("sm_presence_unavailable", "Unavailable presence broadcast by local sessions");
        rosterGets = counter("mod_roster_get", "Roster get requests");
        rosterSets = counter("mod_roster_set", "Roster set requests (add, update, remove)");
        registrations = counter("mod_register_count", "Accounts created");
        removals = counter("mod_unregister_count", "Accounts removed");
        pingsIn = counter("mod_ping_requests", "XEP-0199 pings sent by clients");
        vcardSets = counter("mod_vcard_set", "vCard updates sent by clients (XEP-0054 set)");
        vcardGets = counter("mod_vcard_get", "vCard requests sent by clients (XEP-0054 get)");
        adhocExecutions = counter("mod_adhoc_executions", "Ad-hoc command executions requested by clients (XEP-0050)");
        moduleMetrics = new RegistryModuleMetrics(registry);
        webSocketSessions = counter("c2s_websocket_sessions_opened", "XMPP streams opened over WebSocket (RFC 7395)");

        Gauge.builder("sm_node_sessions", sessions, SessionManager::localCount)
                .description("Sessions bound on this node").register(registry);
        Gauge.builder("sm_total_sessions", sessions, s -> s.directory().count())
                .description("Sessions in the session directory (all nodes)").register(registry);
        Gauge.builder("sm_unique_sessions", this, XmppMetrics::uniqueUsers)
                .description("Distinct users with at least one session").register(registry);
        for (String t : TRANSPORTS) {
            Gauge.builder("sm_sessions_by_transport", this, m -> m.sessionsOn(t)).tag("transport", t)
                    .description("Sessions bound on this node, by transport").register(registry);
        }
        Gauge.builder("sm_available_sessions", this, XmppMetrics::availableSessions)
                .description("Sessions that sent available presence").register(registry);
        Gauge.builder("meerkat_uptime_seconds", () -> Duration.between(startedAt, clock.instant()).toMillis() / 1000.0)
                .description("Seconds since this node started").register(registry);
        Counter detached = counter("mod_stream_management_detached", "Sessions kept for resumption after their connection died (XEP-0198)");
        Counter resumed = counter("mod_stream_management_resumed", "Detached sessions taken over by a new stream (XEP-0198)");
        Counter resumeFailed = counter("mod_stream_management_resume_failed", "Resumption attempts refused (XEP-0198)");
        c2sEvents = new C2sEvents() {
            @Override public void streamError(String condition) { streamErrors.increment(condition); }

            @Override public void smDetached() { detached.increment(); }

            @Override public void smResumed() { resumed.increment(); }

            @Override public void smResumeFailed() { resumeFailed.increment(); }
        };
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    /** Hook handlers on one host; the returned handles remove them. */
    public List<Runnable> attach(HostContext host) {
        String name = host.host();
        loginsByHost.computeIfAbsent(name, h -> Counter.builder("c2s_logins").tag("host", h)
                .description("Sessions opened (bound)").register(registry));
        logoutsByHost.computeIfAbsent(name, h -> Counter.builder("c2s_logouts").tag("host", h)
                .description("Bound sessions that ended").register(registry));
        AtomicLong users = registeredUsers.computeIfAbsent(name, h -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("registered_users", v, AtomicLong::get).tag("host", h)
                    .description("Accounts of the host (refreshed at each scrape)").register(registry);
            return v;
        });
        HookBus bus = host.hooks();
        String owner = "metrics";
        List<Runnable> undo = new ArrayList<>();
        // before modules start, so that they find it in start()
        undo.add(host.provide(ModuleMetrics.class, moduleMetrics));
        // FIRST: count what clients send even if a module then stops it
        undo.add(bus.register(CoreHooks.USER_SEND, Priority.FIRST, owner, e -> {
            sent(e.stanza());
            return HookResult.proceed();
        }));
        // LAST: count what is really delivered, after filters had their say
        undo.add(bus.register(CoreHooks.USER_RECEIVE, Priority.LAST, owner, e -> {
            received(e.session(), e.stanza());
            return HookResult.proceed();
        }));
        undo.add(bus.register(CoreHooks.NON_STANZA_ELEMENT, Priority.FIRST, owner, e -> {
            elementIn.increment("other");
            return HookResult.proceed();
        }));
        undo.add(bus.register(CoreHooks.SESSION_OPENED, Priority.FIRST, owner, e -> {
            loginsByHost.get(name).increment();
            return HookResult.proceed();
        }));
        undo.add(bus.register(CoreHooks.SESSION_CLOSED, Priority.FIRST, owner, e -> {
            logoutsByHost.get(name).increment();
            return HookResult.proceed();
        }));
        undo.add(bus.register(CoreHooks.PRESENCE_CHANGED, Priority.FIRST, owner, e -> {
            presenceBroadcasts.increment();
            if (e.previous() == null) presenceInitial.increment();
            if (e.current() != null && e.current().isUnavailable()) presenceUnavailable.increment();
            return HookResult.proceed();
        }));
        undo.add(bus.register(CoreHooks.OFFLINE_MESSAGE, Priority.FIRST, owner, e -> {
            offlineEvents.increment();
            return HookResult.proceed();
        }));
        // reached only when no module (mod_offline) stopped the hook: nobody stored the message
        undo.add(bus.register(CoreHooks.OFFLINE_MESSAGE, Priority.LAST + 1, owner, e -> {
            bounced.increment();
            return HookResult.proceed();
        }));
        undo.add(bus.register(CoreHooks.USER_REGISTERED, Priority.FIRST, owner, e -> {
            registrations.increment();
            users.incrementAndGet();
            return HookResult.proceed();
        }));
        undo.add(bus.register(CoreHooks.USER_REMOVED, Priority.FIRST, owner, e -> {
            removals.increment();
            users.decrementAndGet();
            return HookResult.proceed();
        }));
        return undo;
    }

    private void sent(Stanza s) {
        elementIn.increment(s.name());
        if (s.isError()) errorsIn.increment(errorCondition(s));
        switch (s) {
            case Message m -> {
                messagesRouted.increment();
                messageIn.increment(m.type());
            }
            case Presence p -> presenceIn.increment(p.type() == null ? "available" : p.type());
            case Iq iq -> {
                if (!iq.isRequest()) return;
                Element payload = iq.payload().orElse(null);
                String ns = payload == null ? null : payload.namespace();
                iqIn.increment(ns);
                if (ROSTER_NS.equals(ns)) {
                    if (iq.type() == Iq.Type.GET) rosterGets.increment();
                    else rosterSets.increment();
                } else if ("urn:xmpp:ping".equals(ns)) {
                    pingsIn.increment();
                } else if (VCARD_NS.equals(ns)) {
                    if (iq.type() == Iq.Type.GET) vcardGets.increment();
                    else vcardSets.increment();
                } else if (COMMANDS_NS.equals(ns) && iq.type() == Iq.Type.SET) {
                    adhocExecutions.increment();
                }
            }
        }
    }

    private void received(LocalSession session, Stanza s) {
        elementOut.increment(s.name());
        stanzasPerTransportOut.increment(session.transportName());
        if (s.isError()) errorsOut.increment(errorCondition(s));
    }

    private static String errorCondition(Stanza s) {
        return s.element().child("error", s.element().namespace())
                .flatMap(err -> err.childInNamespace(Ns.STANZA_ERRORS))
                .map(e -> e.name()).orElse(null);
    }

    public void bytesIn(String transport, int n) { bytesIn.increment(transport, n); }

    public void bytesOut(String transport, int n) { bytesOut.increment(transport, n); }

    void connectionAccepted(String listener) {
        connectionsAccepted.computeIfAbsent(listener, l -> Counter.builder("c2s_connections_accepted").tag("listener", l)
                .description("Connections accepted, by listener").register(registry)).increment();
    }

    /** Adds a gauge of the connections a listener has open now; {@code listener} is e.g. "c2s:5222". */
    public void listenerConnections(String listener, IntSupplier open) {
        Gauge.builder("c2s_connections_open", open::getAsInt).tag("listener", listener)
                .description("Connections open, by listener").register(registry);
    }

    /** A handler to add to each connection's pipeline (a new one per connection). */
    public ChannelHandler trafficHandler(String listener, boolean http) {
        return new TrafficHandler(this, listener, http);
    }

    /** The mechanisms, each counting its attempts, successes and failures. */
    public List<SaslMechanism> instrument(List<SaslMechanism> mechanisms) {
        return mechanisms.stream().<SaslMechanism>map(m -> new CountingMechanism(m, this)).toList();
    }

    void saslAttempt(String mechanism) { sasl(saslAttempts, "c2s_auth_attempts", "SASL exchanges started, by mechanism", mechanism).increment(); }

    void saslSuccess(String mechanism) { sasl(saslSuccess, "c2s_auth_success", "Successful SASL authentications, by mechanism", mechanism).increment(); }

    void saslFailure(String mechanism) { sasl(saslFailed, "c2s_auth_failed", "Failed SASL authentications, by mechanism", mechanism).increment(); }

    private Counter sasl(Map<String, Counter> family, String name, String description, String mechanism) {
        // mechanism names come from the configuration, never from the client: bounded
        return family.computeIfAbsent(mechanism, m -> Counter.builder(name).tag("mechanism", m).description(description).register(registry));
    }

    /** What modules count (also provided on every attached host). */
    public ModuleMetrics moduleMetrics() { return moduleMetrics; }

    /** Cumulative counts of a BOSH endpoint, read at scrape time. */
    public void boshEndpoint(String listener, dev.meerkat.c2s.bosh.BoshCounters bosh) {
        // Not "..._created": the Prometheus client reserves that suffix (OpenMetrics creation
        // timestamps) and strips it, which exported this counter as c2s_bosh_sessions_total.
        FunctionCounter.builder("c2s_bosh_sessions_opened", bosh, b -> b.sessionsCreated()).tag("listener", listener)
                .description("BOSH sessions created (XEP-0124), by listener").register(registry);
        FunctionCounter.builder("c2s_bosh_sessions_ended", bosh, b -> b.sessionsEnded()).tag("listener", listener)
                .description("BOSH sessions ended, by listener").register(registry);
        FunctionCounter.builder("c2s_bosh_requests", bosh, b -> b.requests()).tag("listener", listener)
                .description("HTTP requests on the BOSH path, by listener").register(registry);
    }

    /** A client opened an XMPP stream over WebSocket (RFC 7395). */
    public void webSocketSessionOpened() { webSocketSessions.increment(); }

    /** What the session code calls for events no hook shows. */
    public C2sEvents c2sEvents() { return c2sEvents; }

    /** Re-reads the account counts (blocking storage call): run before a scrape, off the event loop. */
    public void refreshRegisteredUsers() {
        for (Map.Entry<String, AtomicLong> e : registeredUsers.entrySet()) e.getValue().set(auth.countUsers(e.getKey()));
    }

    private double uniqueUsers() {
        Set<String> users = new java.util.HashSet<>();
        for (SessionRef s : sessions.directory().all()) users.add(s.jid().bare().toString());
        return users.size();
    }

    private double availableSessions() {
        int n = 0;
        for (SessionRef s : sessions.directory().all()) if (s.available()) n++;
        return n;
    }

    private double sessionsOn(String transport) {
        Map<String, Integer> counts = new HashMap<>();
        for (LocalSession s : sessions.localSessions()) counts.merge(s.transportName(), 1, Integer::sum);
        return counts.getOrDefault(transport, 0);
    }
}
