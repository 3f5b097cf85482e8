package dev.meerkat.mod.roster;

import dev.meerkat.config.Options;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.hooks.Priority;
import dev.meerkat.jid.Jid;
import dev.meerkat.mod.roster.jdbc.JdbcRosterStore;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqTarget;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.util.List;
import java.util.Optional;

/**
 * RFC 6121 §2 roster management (jabber:iq:roster): get, set, remove, pushes to interested
 * resources, and XEP-0237 roster versioning.
 *
 * <p>Options: {@code versioning} (default true), {@code max_roster_size} (default 1000 items;
 * a roster set adding an item past it fails with policy-violation).
 */
public final class RosterModule implements XmppModule {
    public static final String VER_FEATURE_NS = "urn:xmpp:features:rosterver";

    private final RosterStore store;
    private final ServerServices services;
    private final boolean versioning;
    private final int maxRosterSize;
    private RosterPushes pushes;
    private PresenceOut presenceOut;

    public RosterModule(RosterStore store, ServerServices services, boolean versioning, int maxRosterSize) {
        this.store = store;
        this.services = services;
        this.versioning = versioning;
        this.maxRosterSize = maxRosterSize;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_roster"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            return new RosterModule(new JdbcRosterStore(services.database()), services,
                    options.bool("versioning", true), options.integer("max_roster_size", 1000, 1, 1_000_000));
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        pushes = new RosterPushes(services.sessions().directory(),
                RosterPushes.counter(dev.meerkat.metrics.ModuleMetrics.of(ctx.hostContext())));
        presenceOut = new PresenceOut(services.router(), services.sessions().directory());
        ctx.iq(IqTarget.BARE_JID, "query", RosterXml.NS, this::handle);
        if (versioning) {
            ctx.hook(CoreHooks.STREAM_FEATURES, Priority.DEFAULT, e -> {
                e.features().accept(Element.of("ver", VER_FEATURE_NS));
                return HookResult.proceed();
            });
        }
        ctx.hook(CoreHooks.USER_REMOVED, Priority.DEFAULT, e -> {
            removeAccount(e.user());
            return HookResult.proceed();
        });
        ctx.provide(RosterService.class, new Service());
    }

    /** The roster for the admin API: the same store, pushes and subscription clean-up as the IQ path. */
    private final class Service implements RosterService {
        @Override
        public List<RosterItem> items(Jid user) {
            return store.items(user.bare()).stream().filter(i -> !i.hidden())
                    .sorted(java.util.Comparator.comparing(RosterItem::contact)).toList();
        }

        @Override
        public boolean addContact(Jid user, Jid contact, String name, List<String> groups) {
            Jid u = user.bare();
            Jid c = contact.bare();
            if (store.item(u, c).filter(i -> !i.hidden()).isEmpty() && visibleCount(u) >= maxRosterSize) return false;
            pushes.push(u, store.update(u, c, cur -> Optional.of(cur.orElse(RosterItem.of(c)).withUserData(name, groups))));
            return true;
        }

        @Override
        public boolean removeContact(Jid user, Jid contact) {
            Jid u = user.bare();
            RosterStore.Change change = store.update(u, contact.bare(), cur -> cur.filter(RosterItem::hidden));
            RosterItem removed = change.before().filter(i -> !i.hidden()).orElse(null);
            if (removed == null) return false;
            pushes.push(u, change);
            cancelSubscriptions(u, removed);
            return true;
        }

        @Override
        public void setMutualSubscription(Jid a, Jid b, boolean connect) {
            if (!connect) {
                // a contact that is not local is only in one roster; a missing item is no error here
                removeContact(a, b);
                if (services.hosts().isLocal(b.domain())) removeContact(b, a);
                return;
            }
            both(a.bare(), b.bare());
            if (services.hosts().isLocal(b.domain())) both(b.bare(), a.bare());
            presenceOut.currentPresence(a, b);
            presenceOut.currentPresence(b, a);
        }

        private void both(Jid user, Jid contact) {
            pushes.push(user, store.update(user, contact, cur -> {
                RosterItem item = cur.orElse(RosterItem.of(contact)).visible();
                return Optional.of(item.withState(new SubState(Subscription.BOTH, false, false, false)));
            }));
        }
    }

    Iq handle(IqRequest r) {
        if (r.session() == null || !r.fromOwner()) return r.error(StanzaError.FORBIDDEN, "only the account itself may use its roster");
        Jid user = r.target().bare();
        if (r.isGet()) return get(r, user);
        RosterXml.SetRequest set = RosterXml.parseSet(r.payload(), user);
        return set.remove() ? remove(r, user, set.contact()) : addOrUpdate(r, user, set);
    }

    private Iq get(IqRequest r, Jid user) {
        RosterPushes.markInterested(r.session());
        long version = store.version(user);
        String ver = Long.toString(version);
        String clientVer = r.payload().attr("ver");
        // XEP-0237 §2.3: the client's copy is current, so the roster is not sent again
        if (versioning && ver.equals(clientVer)) return r.result();
        List<Element> items = store.items(user).stream().filter(i -> !i.hidden())
                .sorted(java.util.Comparator.comparing(RosterItem::contact)).map(RosterXml::item).toList();
        return r.result(RosterXml.query(versioning ? ver : null, items));
    }

    private Iq addOrUpdate(IqRequest r, Jid user, RosterXml.SetRequest set) {
        Optional<RosterItem> existing = store.item(user, set.contact());
        if (existing.filter(i -> !i.hidden()).isEmpty() && visibleCount(user) >= maxRosterSize) {
            return r.error(StanzaError.POLICY_VIOLATION, "the roster is full (" + maxRosterSize + " items)");
        }
        RosterStore.Change change = store.update(user, set.contact(),
                cur -> Optional.of(cur.orElse(RosterItem.of(set.contact())).withUserData(set.name(), set.groups())));
        services.router().route(r.result());
        pushes.push(user, change);
        return null;
    }

    /** RFC 6121 §2.5: remove the item, then cancel the subscriptions it carried. */
    private Iq remove(IqRequest r, Jid user, Jid contact) {
        RosterStore.Change change = store.update(user, contact, cur -> cur.filter(RosterItem::hidden));
        RosterItem removed = change.before().filter(i -> !i.hidden()).orElse(null);
        if (removed == null) return r.error(StanzaError.ITEM_NOT_FOUND, "no such item in the roster");
        services.router().route(r.result());
        pushes.push(user, change);
        cancelSubscriptions(user, removed);
        return null;
    }

    private void cancelSubscriptions(Jid user, RosterItem item) {
        SubState s = item.state();
        if (s.hasTo() || s.pendingOut()) presenceOut.subscription("unsubscribe", user, item.contact());
        if (s.hasFrom()) presenceOut.unavailable(user, item.contact());
        if (s.hasFrom() || s.pendingIn()) presenceOut.subscription("unsubscribed", user, item.contact());
    }

    private void removeAccount(Jid user) {
        for (RosterItem item : store.items(user)) cancelSubscriptions(user, item);
        store.removeAll(user);
    }

    private int visibleCount(Jid user) {
        return (int) store.items(user).stream().filter(i -> !i.hidden()).count();
    }
}
