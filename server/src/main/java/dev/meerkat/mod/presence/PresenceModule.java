package dev.meerkat.mod.presence;

import dev.meerkat.config.Options;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.hooks.Priority;
import dev.meerkat.mod.presence.SubscriptionRules.Kind;
import dev.meerkat.mod.roster.PresenceOut;
import dev.meerkat.mod.roster.RosterPushes;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.mod.roster.jdbc.JdbcRosterStore;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.stanza.Presence;
import dev.meerkat.xml.Element;

/**
 * RFC 6121 §3 and §4: presence subscriptions (with pre-approval) and presence broadcast, probes
 * and directed presence. Subscription state lives in the roster store shared with mod_roster.
 *
 * <p>Options: {@code pre_approval} (default true), {@code max_roster_size} (default 1000; a
 * subscription request to a new contact past it fails with policy-violation).
 */
public final class PresenceModule implements XmppModule {
    public static final String PRE_APPROVAL_NS = "urn:xmpp:features:pre-approval";

    private final RosterStore store;
    private final ServerServices services;
    private final boolean preApproval;
    private final int maxRosterSize;

    public PresenceModule(RosterStore store, ServerServices services, boolean preApproval, int maxRosterSize) {
        this.store = store;
        this.services = services;
        this.preApproval = preApproval;
        this.maxRosterSize = maxRosterSize;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_presence"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            return new PresenceModule(new JdbcRosterStore(services.database()), services,
                    options.bool("pre_approval", true), options.integer("max_roster_size", 1000, 1, 1_000_000));
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        SessionDirectory directory = services.sessions().directory();
        PresenceOut out = new PresenceOut(services.router(), directory);
        Subscriptions subscriptions = new Subscriptions(store, new RosterPushes(directory,
                RosterPushes.counter(dev.meerkat.metrics.ModuleMetrics.of(ctx.hostContext()))), out, directory,
                services.auth()::userExists, preApproval, maxRosterSize);
        Broadcaster broadcaster = new Broadcaster(store, services.router(), directory);

        ctx.hook(CoreHooks.USER_SEND, Priority.DEFAULT, e -> {
            if (!(e.stanza() instanceof Presence p) || p.to() == null) return HookResult.proceed();
            Kind kind = Kind.of(p.type());
            if (kind != null) {
                subscriptions.outbound(e.session(), p, kind);
                return HookResult.stop();
            }
            if (p.isAvailable() || p.isUnavailable()) DirectedPresence.of(e.session()).sent(p.to(), p.isAvailable());
            return HookResult.proceed();
        });
        // Inbound subscription stanzas and probes are handled here, on the recipient's host, since
        // they must be processed whether or not the user is online.
        ctx.hook(CoreHooks.FILTER_LOCAL_PACKET, Priority.DEFAULT, e -> {
            if (!(e.stanza() instanceof Presence p) || p.from() == null || !p.to().hasLocal()) return HookResult.proceed();
            Kind kind = Kind.of(p.type());
            if (kind != null) {
                subscriptions.inbound(p, kind);
                return HookResult.stop();
            }
            if ("probe".equals(p.type())) {
                broadcaster.probe(p.from(), p.to().bare());
                return HookResult.stop();
            }
            return HookResult.proceed();
        });
        ctx.hook(CoreHooks.PRESENCE_CHANGED, Priority.DEFAULT, e -> {
            Presence now = e.current();
            if (now.isAvailable()) {
                boolean initial = e.previous() == null;
                broadcaster.available(e.session(), now, initial);
                if (initial) subscriptions.redeliverPending(e.session());
            } else if (now.isUnavailable()) {
                broadcaster.unavailable(e.session(), now, e.previous() != null);
            }
            return HookResult.proceed();
        });
        ctx.hook(CoreHooks.SESSION_CLOSED, Priority.DEFAULT, e -> {
            // A session replaced by a new one with the same full JID says nothing: its unavailable
            // could otherwise reach contacts after the new session's available presence.
            boolean replaced = ctx.services().sessions().directory().find(e.session().jid())
                    .filter(s -> s != e.session()).isPresent();
            if (replaced) return HookResult.proceed();
            boolean wasAvailable = e.session().presence() != null;
            broadcaster.unavailable(e.session(), PresenceOut.presence("unavailable", e.session().jid(), null), wasAvailable);
            return HookResult.proceed();
        });
        if (preApproval) {
            ctx.hook(CoreHooks.STREAM_FEATURES, Priority.DEFAULT, e -> {
                e.features().accept(Element.of("sub", PRE_APPROVAL_NS));
                return HookResult.proceed();
            });
        }
    }
}
