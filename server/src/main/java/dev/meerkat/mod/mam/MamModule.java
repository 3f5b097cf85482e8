package dev.meerkat.mod.mam;

import dev.meerkat.auth.AuthService;
import dev.meerkat.config.Options;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.hooks.Priority;
import dev.meerkat.jid.Jid;
import dev.meerkat.metrics.ModuleMetrics;
import dev.meerkat.mod.mam.jdbc.JdbcArchiveStore;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.mod.roster.jdbc.JdbcRosterStore;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqTarget;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.routing.Router;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * XEP-0313 Message Archive Management for one-to-one messages, with XEP-0441 preferences and
 * XEP-0359 stanza ids. Outgoing messages go to the sender's archive in {@code user_send_packet};
 * incoming ones to the recipient's archive in {@code filter_local_packet}, which also adds the
 * {@code <stanza-id/>} to the message delivered (and to its carbon copies, made later in the same
 * hook). Writes are asynchronous ({@link ArchiveWriter}); see docs/modules/mod_mam.md for what a
 * crash can lose.
 */
public final class MamModule implements XmppModule {
    private static final Logger log = LoggerFactory.getLogger(MamModule.class);
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 250;
    static final int DEFAULT_QUEUE = 10_000;
    static final int DEFAULT_BATCH = 500;
    /** After content filters (default priority), before mod_carboncopy copies the message (LATE). */
    static final int INCOMING_PRIORITY = Priority.LATE - 5;

    /** The module's options; {@code rooms}: whether chat rooms on this host may keep archives (option {@code muc}). */
    public record Settings(ArchivePrefs.Mode defaultMode, int defaultPageSize, int maxPageSize, int retentionDays,
                           int queueCapacity, int batchSize, Duration writeLinger, boolean rooms) {}

    private final ArchiveService service;
    private final Preferences prefs;
    private final RosterStore roster;
    private final SessionDirectory directory;
    private final AuthService auth;
    private final Router router;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService blocking;
    private ModuleMetrics.Count archived = () -> { };
    private ModuleMetrics.Count queries = () -> { };
    private ModuleMetrics.Timing queryTime = d -> { };
    private final Settings settings;
    private ScheduledFuture<?> retentionTask;

    public MamModule(ArchiveService service, RosterStore roster, SessionDirectory directory, AuthService auth, Router router,
                     Clock clock, ScheduledExecutorService scheduler, ExecutorService blocking, Settings settings) {
        this.service = service;
        this.prefs = new Preferences(service.store(), settings.defaultMode());
        this.roster = roster;
        this.directory = directory;
        this.auth = auth;
        this.router = router;
        this.clock = clock;
        this.scheduler = scheduler;
        this.blocking = blocking;
        this.settings = settings;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_mam"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            int maxPage = options.integer("max_page_size", MAX_PAGE, 1, 10_000);
            Settings settings = new Settings(
                    ArchivePrefs.Mode.fromWire(options.oneOf("default_mode", Set.of("always", "never", "roster"), "always")),
                    options.integer("default_page_size", Math.min(DEFAULT_PAGE, maxPage), 1, maxPage),
                    maxPage,
                    options.integer("retention", 0, 0, 100_000),
                    options.integer("write_queue", DEFAULT_QUEUE, 1, 1_000_000),
                    options.integer("write_batch", DEFAULT_BATCH, 1, 10_000),
                    Duration.ofMillis(options.integer("write_linger", (int) ArchiveWriter.DEFAULT_LINGER.toMillis(), 0, 10_000)),
                    options.bool("muc", true));
            ArchiveStore store = new JdbcArchiveStore(services.database());
            ArchiveWriter writer = new ArchiveWriter(store, settings.queueCapacity(), settings.batchSize(), settings.writeLinger(),
                    "mam-writer-" + host);
            ArchiveService service = new ArchiveService(store, writer, new ArchiveIds(services.clock()),
                    settings.defaultPageSize(), settings.maxPageSize());
            return new MamModule(service, new JdbcRosterStore(services.database()), services.sessions().directory(),
                    services.auth(), services.router(), services.clock(), services.scheduler(), services.blocking(), settings);
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        ModuleMetrics metrics = ModuleMetrics.of(ctx.hostContext());
        archived = metrics.counter("mod_mam_archived", "Messages written to users' archives (each side counts once)");
        queries = metrics.counter("mod_mam_lookups", "Archive queries (XEP-0313 query sets)");
        queryTime = metrics.timer("mod_mam_lookup_time", "Time to answer an archive query, results included");
        ctx.accountFeature(MamNs.MAM);
        ctx.accountFeature(MamNs.EXTENDED);
        ctx.accountFeature(MamNs.SID);
        // mod_muc looks this up when a room archives or is queried: neither module needs the other
        if (settings.rooms()) ctx.provide(RoomArchive.class, new RoomArchive(service));
        ctx.iq(IqTarget.BARE_JID, "query", MamNs.MAM, this::query);
        ctx.iq(IqTarget.BARE_JID, "prefs", MamNs.MAM, this::prefs);
        ctx.iq(IqTarget.BARE_JID, "metadata", MamNs.MAM, this::metadata);
        ctx.hook(CoreHooks.USER_SEND, Priority.LATE, e -> {
            if (e.stanza() instanceof Message m) outgoing(m);
            return HookResult.proceed();
        });
        ctx.hook(CoreHooks.FILTER_LOCAL_PACKET, INCOMING_PRIORITY, e -> {
            if (!(e.stanza() instanceof Message m) || m.to() == null || !m.to().hasLocal()) return HookResult.proceed();
            Message stamped = incoming(m);
            return stamped == m ? HookResult.proceed() : HookResult.proceedWith(new CoreHooks.LocalPacket(stamped));
        });
        ctx.hook(CoreHooks.USER_REMOVED, Priority.DEFAULT, e -> {
            try {
                service.removeArchive(e.user());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            prefs.forget(e.user());
            return HookResult.proceed();
        });
        if (settings.retentionDays() > 0) {
            retentionTask = scheduler.scheduleWithFixedDelay(() -> blocking.execute(this::applyRetention), 1, 60, TimeUnit.MINUTES);
            ctx.onStop(() -> retentionTask.cancel(false));
        }
    }

    /** Writes every queued entry before the server goes on stopping. */
    @Override
    public void stop() {
        service.close();
    }

    void applyRetention() {
        long bound = ArchiveIds.lowestAt(clock.instant().minus(Duration.ofDays(settings.retentionDays())));
        try {
            int removed = service.store().removeBefore(bound);
            if (removed > 0) log.info("mod_mam retention removed {} archived messages", removed);
        } catch (RuntimeException e) {
            log.warn("mod_mam retention failed", e);
        }
    }

    private void outgoing(Message m) {
        Jid from = m.from();
        Jid to = m.to();
        // a message to oneself is archived once, as incoming
        if (from == null || to == null || to.sameBare(from) || !ArchivePolicy.archivable(m)) return;
        if (wanted(from.bare(), to)) {
            service.append(from.bare(), to, true, m);
            archived.increment();
        }
    }

    /** Returns the message to deliver: without forged stanza-ids, and with ours if archived. */
    private Message incoming(Message m) {
        Jid owner = m.to().bare();
        String by = owner.toString();
        Element clean = ArchivePolicy.withoutStanzaIdsBy(m.element(), by);
        Message message = clean == m.element() ? m : new Message(clean, m.from(), m.to());
        if (m.from() == null || !ArchivePolicy.archivable(message) || !accountExists(owner) || !wanted(owner, m.from())) return message;
        long id = service.append(owner, m.from(), false, message);
        archived.increment();
        return new Message(clean.withChild(ArchivePolicy.stanzaId(id, by)), m.from(), m.to());
    }

    private boolean accountExists(Jid bare) {
        return !directory.resources(bare).isEmpty() || auth.userExists(bare);
    }

    /** What the owner's preferences say about a message with the contact (XEP-0441). */
    private boolean wanted(Jid owner, Jid contact) {
        ArchivePrefs p = prefs.of(owner);
        Boolean listed = p.listed(contact);
        if (listed != null) return listed;
        return switch (p.mode()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ROSTER -> roster.item(owner, contact.bare()).filter(i -> !i.hidden()).isPresent();
        };
    }

    private Iq query(IqRequest r) throws InterruptedException {
        if (!r.fromOwner()) return r.error(StanzaError.FORBIDDEN, "only the account itself may read its archive");
        if (r.isGet()) return r.result(ArchiveService.form());
        queries.increment();
        long started = System.nanoTime();
        try {
            return service.answerQuery(r.iq(), r.target(), r.target(), this::sendResult);
        } finally {
            queryTime.record(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Results go ahead of the IQ reply, which the router delivers after the handler returns. */
    private void sendResult(Stanza result) {
        var session = directory.find(result.to());
        if (session.isPresent()) session.get().deliver(result);
        else router.route(result);
    }

    private Iq prefs(IqRequest r) {
        if (!r.fromOwner()) return r.error(StanzaError.FORBIDDEN, "only the account itself may change its archiving preferences");
        if (r.isGet()) return r.result(prefs.of(r.target()).toElement());
        ArchivePrefs requested;
        try {
            requested = ArchivePrefs.parse(r.payload());
        } catch (IllegalArgumentException e) {
            return r.error(StanzaError.BAD_REQUEST, e.getMessage());
        }
        prefs.set(r.target(), requested);
        return r.result(requested.toElement());
    }

    private Iq metadata(IqRequest r) throws InterruptedException {
        if (!r.fromOwner()) return r.error(StanzaError.FORBIDDEN, "only the account itself may read its archive");
        if (!r.isGet()) return r.error(StanzaError.BAD_REQUEST, "metadata is read with type='get'");
        return r.result(service.metadata(r.target()));
    }
}
