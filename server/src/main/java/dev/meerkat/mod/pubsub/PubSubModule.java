package dev.meerkat.mod.pubsub;

import dev.meerkat.config.Options;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.hooks.Priority;
import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.jdbc.JdbcPubSubStore;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.mod.roster.jdbc.JdbcRosterStore;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqTarget;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionKey;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Presence;

import java.util.List;

/**
 * XEP-0060 publish-subscribe and XEP-0163 PEP. PEP: every account's bare JID is a pubsub service
 * (auto-create, publish-options, filtered notifications through XEP-0115 caps, last item on
 * presence). Service: a pubsub component at {@code host} (default {@code pubsub.<host>}), listed in
 * the server's disco items. Options: see docs/modules/mod_pubsub.md.
 */
public final class PubSubModule implements XmppModule {
    /**
     * Features of an account's PEP service, each an XEP-0060 §10 feature this server implements
     * there (XEP-0163 §6; Smack's PepManager checks the first three).
     */
    static final List<String> PEP_FEATURES = List.of("auto-create", "auto-subscribe", "filtered-notifications",
            "publish", "publish-options", "retrieve-items", "retract-items", "delete-items", "delete-nodes", "purge-nodes",
            "config-node", "config-node-max", "create-nodes", "create-and-configure", "instant-nodes", "retrieve-default", "retrieve-default-sub",
            "access-presence", "access-open", "access-roster", "access-whitelist", "persistent-items", "last-published",
            "item-ids", "meta-data", "presence-subscribe", "subscribe", "subscription-options", "retrieve-subscriptions",
            "retrieve-affiliations", "modify-affiliations", "manage-subscriptions", "member-affiliation",
            "publisher-affiliation", "publish-only-affiliation", "outcast-affiliation");

    /** The caps ver a session's last items were sent for ("" = none), so an unchanged presence sends nothing again. */
    private record SentFor(String ver) {}

    private static final SessionKey<SentFor> SENT_FOR = SessionKey.of("mod_pubsub.sent_for", SentFor.class);

    private final Settings settings;
    private final PubSubStore store;
    private final RosterStore roster;
    private final ServerServices services;
    private final PubSubDispatcher dispatcher = new PubSubDispatcher();

    /**
     * @param host         the component's domain, "@HOST@" standing for the served domain
     * @param maxItems     the most items a node keeps
     * @param capsCacheSize caps versions remembered
     */
    public record Settings(boolean pep, boolean service, String host, String name, int maxItems, int capsCacheSize) {}

    public PubSubModule(Settings settings, PubSubStore store, RosterStore roster, ServerServices services) {
        this.settings = settings;
        this.store = store;
        this.roster = roster;
        this.services = services;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_pubsub"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            Settings s = new Settings(options.bool("pep", true), options.bool("service", true),
                    options.string("host", "pubsub.@HOST@"), options.string("name", "Publish-Subscribe"),
                    options.integer("max_items", 1000, 1, 100_000), options.integer("caps_cache_size", 10_000, 16, 1_000_000));
            return new PubSubModule(s, new JdbcPubSubStore(services.database()), new JdbcRosterStore(services.database()), services);
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        Access access = new Access(store, roster);
        Notifier notifier = new Notifier(services.router());
        SubscriberRecipients subscribers = new SubscriberRecipients(store, access);
        if (settings.pep()) startPep(ctx, access, notifier, subscribers);
        if (settings.service()) startService(ctx, access, notifier, subscribers);
    }

    private void startPep(ModuleContext ctx, Access access, Notifier notifier, SubscriberRecipients subscribers) {
        CapsTracker caps = new CapsTracker(services.router(), Jid.domain(ctx.host()), settings.capsCacheSize());
        Recipients recipients = new PepRecipients(roster, services.sessions().directory(), caps, access, subscribers);
        PubSubService pep = new PubSubService(store, access, notifier, recipients, true, NodeConfig.pepDefaults(),
                settings.maxItems(), services.clock(), (service, requester) -> service.equals(requester));
        LastItems lastItems = new LastItems(pep, roster, caps, services.hosts());
        ctx.iq(IqTarget.BARE_JID, "pubsub", PubSubNs.PUBSUB, r -> pepRequest(pep, r));
        ctx.iq(IqTarget.BARE_JID, "pubsub", PubSubNs.OWNER, r -> pepRequest(pep, r));
        ctx.accountIdentity("pubsub", "pep", null);
        ctx.accountFeature(PubSubNs.PUBSUB);
        for (String f : PEP_FEATURES) ctx.accountFeature(PubSubNs.feature(f));
        // XEP-0163 1.1 §6.1 had clients ask the server itself whether it offers PEP, and some still do
        // (Smack's OMEMO and OpenPGP support): the domain says so too. The services stay the bare JIDs.
        ctx.identity("pubsub", "pep", null);
        ctx.serverFeature(PubSubNs.PUBSUB);
        for (String f : PEP_FEATURES) ctx.serverFeature(PubSubNs.feature(f));
        ctx.accountNodes(new PepDiscoNodes(pep));
        ctx.hook(CoreHooks.PRESENCE_CHANGED, Priority.DEFAULT, e -> {
            presenceChanged(e.session(), e.current(), caps, lastItems);
            return HookResult.proceed();
        });
        ctx.hook(CoreHooks.USER_SEND, Priority.EARLY, e -> caps.answer(e.session(), e.stanza()) ? HookResult.stop() : HookResult.proceed());
        ctx.hook(CoreHooks.SESSION_CLOSED, Priority.DEFAULT, e -> {
            if (e.session().jid() != null) caps.forget(e.session().jid());
            return HookResult.proceed();
        });
        ctx.hook(CoreHooks.USER_REMOVED, Priority.DEFAULT, e -> {
            store.removeService(e.user().bare());
            return HookResult.proceed();
        });
    }

    private Iq pepRequest(PubSubService pep, IqRequest r) {
        return dispatcher.handle(pep, r.target().bare(), r.iq().withTo(r.target().bare()));
    }

    private static void presenceChanged(LocalSession session, Presence current, CapsTracker caps, LastItems lastItems) {
        if (current == null || !current.isAvailable()) {
            session.put(SENT_FOR, null);
            return;
        }
        String ver = CapsTracker.caps(current).map(CapsTracker.Caps::ver).orElse("");
        SentFor sent = session.get(SENT_FOR);
        if (sent != null && sent.ver().equals(ver)) return;
        session.put(SENT_FOR, new SentFor(ver));
        caps.learn(session, () -> lastItems.send(session));
    }

    private void startService(ModuleContext ctx, Access access, Notifier notifier, SubscriberRecipients subscribers) {
        Jid domain = Jid.domain(settings.host().replace("@HOST@", ctx.host()));
        PubSubService service = new PubSubService(store, access, notifier, subscribers, false, NodeConfig.serviceDefaults(),
                settings.maxItems(), services.clock(), (svc, requester) -> services.hosts().isLocal(requester.domain()));
        ServiceComponent component = new ServiceComponent(domain, service, dispatcher, services.router(), settings.name());
        ctx.onStop(services.router().registerService(domain.toString(), component));
        ctx.serverItem(domain.toString(), settings.name());
    }
}
