package dev.meerkat.mod.offline;

import dev.meerkat.config.Options;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.hooks.Priority;
import dev.meerkat.jid.Jid;
import dev.meerkat.metrics.ModuleMetrics;
import dev.meerkat.mod.offline.jdbc.JdbcOfflineStore;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.routing.Router;
import dev.meerkat.session.LocalSession;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;

/**
 * XEP-0160 offline messages: a message for an account with no available resource of non-negative
 * priority is kept ({@link OfflinePolicy}) and delivered, oldest first and stamped with an XEP-0203
 * delay, when a session of the account next becomes available with non-negative priority.
 *
 * <p>Options: {@code max_user_offline_messages} (default 100) and
 * {@code admin_max_user_offline_messages} (default 5000, for the JIDs of {@code [acl] admin}).
 */
public final class OfflineModule implements XmppModule {
    public static final String FEATURE = "msgoffline";
    public static final String DELAY_NS = "urn:xmpp:delay";

    private final OfflineStore store;
    private final Router router;
    private final Clock clock;
    private final Predicate<Jid> isAdmin;
    private final int userQuota;
    private final int adminQuota;
    private ModuleMetrics.Count stored = () -> { };
    private ModuleMetrics.Count delivered = () -> { };
    private ModuleMetrics.Count overQuota = () -> { };

    public OfflineModule(OfflineStore store, Router router, Clock clock, Predicate<Jid> isAdmin, int userQuota, int adminQuota) {
        this.store = store;
        this.router = router;
        this.clock = clock;
        this.isAdmin = isAdmin;
        this.userQuota = userQuota;
        this.adminQuota = adminQuota;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_offline"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            return new OfflineModule(new JdbcOfflineStore(services.database()), services.router(), services.clock(),
                    services::isAdmin,
                    options.integer("max_user_offline_messages", 100, 0, 1_000_000),
                    options.integer("admin_max_user_offline_messages", 5000, 0, 1_000_000));
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        String domain = ctx.host();
        ModuleMetrics metrics = ModuleMetrics.of(ctx.hostContext());
        stored = metrics.counter("mod_offline_stored", "Messages for offline users that mod_offline stored");
        delivered = metrics.counter("mod_offline_delivered", "Stored offline messages delivered to a user who came online");
        overQuota = metrics.counter("mod_offline_bounced_quota", "Offline messages refused because the user's storage was full");
        ctx.serverFeature(FEATURE);
        ctx.hook(CoreHooks.OFFLINE_MESSAGE, Priority.DEFAULT, e -> switch (OfflinePolicy.decide(e.message())) {
            case BOUNCE -> HookResult.proceed();
            case DROP -> HookResult.stop();
            case STORE -> {
                keep(e.to(), e.message());
                yield HookResult.stop();
            }
        });
        // Late: the user's presence has gone out (mod_presence) before the backlog arrives.
        ctx.hook(CoreHooks.PRESENCE_CHANGED, Priority.LATE, e -> {
            if (becameReachable(e.previous(), e.current())) deliver(e.session(), domain);
            return HookResult.proceed();
        });
        ctx.hook(CoreHooks.USER_REMOVED, Priority.DEFAULT, e -> {
            store.removeAll(e.user());
            return HookResult.proceed();
        });
        ctx.provide(OfflineService.class, new OfflineService() {
            @Override public int count(Jid user) { return store.count(user.bare()); }

            // take() rather than removeAll(): it tells how many went, and is safe against a concurrent delivery
            @Override public int deleteAll(Jid user) { return store.take(user.bare()).size(); }
        });
    }

    /** Messages to the bare JID reach only available resources of priority ≥ 0 (RFC 6121 §8.5.2.1.1). */
    static boolean becameReachable(Presence previous, Presence current) {
        if (!current.isAvailable() || current.priority() < 0) return false;
        return previous == null || !previous.isAvailable() || previous.priority() < 0;
    }

    private void keep(Jid user, Message m) {
        int quota = isAdmin.test(user) ? adminQuota : userQuota;
        if (store.add(user, new OfflineStore.StoredMessage(clock.instant(), m.element()), quota)) {
            stored.increment();
        } else {
            overQuota.increment();
            // XEP-0160 §2 names service-unavailable for a full queue; like MongooseIM and ejabberd we
            // say resource-constraint (type wait) so the sender can tell "full" from "no such service".
            if (m.from() != null) router.route(StanzaError.RESOURCE_CONSTRAINT.replyTo(m, "the recipient's offline message storage is full"));
        }
    }

    private void deliver(LocalSession session, String domain) {
        for (OfflineStore.StoredMessage kept : store.take(session.jid().bare())) {
            Element delay = Element.builder("delay", DELAY_NS).attr("from", domain)
                    .attr("stamp", kept.stamp().truncatedTo(ChronoUnit.MILLIS).toString()).text("Offline Storage").build();
            Element m = kept.message();
            session.deliver(Stanza.of(m.withChild(delay)));
            delivered.increment();
        }
    }
}
