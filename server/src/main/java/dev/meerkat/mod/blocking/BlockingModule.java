package dev.meerkat.mod.blocking;

import dev.meerkat.config.Options;
import dev.meerkat.jid.Jid;
import dev.meerkat.mod.privacy.PrivacyEnforcer;
import dev.meerkat.mod.privacy.PrivacyItem;
import dev.meerkat.mod.privacy.PrivacyList;
import dev.meerkat.mod.privacy.PrivacyRules;
import dev.meerkat.mod.privacy.PrivacyService;
import dev.meerkat.mod.privacy.jdbc.JdbcPrivacyStore;
import dev.meerkat.mod.roster.PresenceOut;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.mod.roster.jdbc.JdbcRosterStore;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqTarget;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.routing.Router;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionKey;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * XEP-0191 blocking command. The blocklist is not a store of its own: it is the deny-everything
 * JID items of the user's default privacy list (created as {@value #LIST_NAME} and made the
 * default when the user has none), as ejabberd keeps it, so XEP-0016 and XEP-0191 clients see
 * one truth. When mod_privacy runs on the host it applies the lists; otherwise this module does.
 * No options.
 */
public final class BlockingModule implements XmppModule {
    public static final String NS = "urn:xmpp:blocking";
    public static final String LIST_NAME = "Blocked contacts";
    /** Sessions that asked for the blocklist get block and unblock pushes (§3.1). */
    static final SessionKey<Boolean> INTERESTED = SessionKey.of("blocking.interested", Boolean.class);

    private final PrivacyService service;
    private final RosterStore roster;
    private final SessionDirectory directory;
    private final Router router;
    private final boolean enforce;

    /** @param enforce false when mod_privacy already applies the lists on this host */
    public BlockingModule(PrivacyService service, RosterStore roster, SessionDirectory directory, Router router, boolean enforce) {
        this.service = service;
        this.roster = roster;
        this.directory = directory;
        this.router = router;
        this.enforce = enforce;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_blocking"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            SessionDirectory directory = services.sessions().directory();
            RosterStore roster = new JdbcRosterStore(services.database());
            PrivacyService service = new PrivacyService(new JdbcPrivacyStore(services.database()), roster, directory);
            boolean privacyRuns = services.config().modulesFor(host).containsKey("mod_privacy");
            return new BlockingModule(service, roster, directory, services.router(), !privacyRuns);
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        ctx.serverFeature(NS);
        ctx.iq(IqTarget.BARE_JID, "blocklist", NS, this::blocklist);
        ctx.iq(IqTarget.BARE_JID, "block", NS, this::block);
        ctx.iq(IqTarget.BARE_JID, "unblock", NS, this::unblock);
        if (enforce) new PrivacyEnforcer(service, directory, router).register(ctx);
    }

    private Iq refuseOthers(IqRequest r) {
        if (r.session() == null || !r.fromOwner()) return r.error(StanzaError.FORBIDDEN, "only the account itself may use its blocklist");
        return null;
    }

    Iq blocklist(IqRequest r) {
        Iq refused = refuseOthers(r);
        if (refused != null) return refused;
        if (!r.isGet()) return r.error(StanzaError.BAD_REQUEST, "the blocklist is retrieved with get");
        Element.Builder b = Element.builder("blocklist", NS);
        for (String jid : blocked(r.target())) b.child(item(jid));
        r.session().put(INTERESTED, true);
        return r.result(b.build());
    }

    Iq block(IqRequest r) {
        Iq refused = refuseOthers(r);
        if (refused != null) return refused;
        if (!r.isSet()) return r.error(StanzaError.BAD_REQUEST, "block is a set");
        List<Jid> jids;
        try {
            jids = items(r.payload());
        } catch (IllegalArgumentException e) {
            return r.error(StanzaError.JID_MALFORMED, e.getMessage());
        }
        if (jids.isEmpty()) return r.error(StanzaError.BAD_REQUEST, "block needs at least one item");
        Jid user = r.target();
        // §3.3: the contact sees the user go offline. Sent before the block is stored, which
        // would stop this presence like any other.
        for (Jid jid : jids) sendPresence(user, jid, true);
        String listName = service.store().defaultName(user).orElse(LIST_NAME);
        service.store().update(user, listName, list -> addBlocks(list, jids));
        if (service.store().defaultName(user).isEmpty()) service.store().setDefault(user, listName);
        changed(user, listName, Element.builder("block", NS).children(jids.stream().map(j -> item(j.toString())).toList()).build());
        return r.result();
    }

    Iq unblock(IqRequest r) {
        Iq refused = refuseOthers(r);
        if (refused != null) return refused;
        if (!r.isSet()) return r.error(StanzaError.BAD_REQUEST, "unblock is a set");
        List<Jid> jids;
        try {
            jids = items(r.payload());
        } catch (IllegalArgumentException e) {
            return r.error(StanzaError.JID_MALFORMED, e.getMessage());
        }
        Jid user = r.target();
        String listName = service.store().defaultName(user).orElse(null);
        Set<String> unblocked = new LinkedHashSet<>();
        if (listName != null) {
            Set<String> wanted = new LinkedHashSet<>();
            for (Jid j : jids) wanted.add(j.toString());
            service.store().update(user, listName, list -> {
                unblocked.clear();
                List<PrivacyItem> kept = new ArrayList<>();
                for (PrivacyItem i : list.items()) {
                    if (i.isBlock() && (wanted.isEmpty() || wanted.contains(i.value()))) unblocked.add(i.value());
                    else kept.add(i);
                }
                return new PrivacyList(list.name(), kept);
            });
            // an empty <unblock/> means every entry (§3.4) and is pushed as such
            Element push = Element.builder("unblock", NS)
                    .children(jids.stream().map(j -> item(j.toString())).toList()).build();
            changed(user, listName, push);
        }
        // §3.4: contacts that may see the user's presence see it again
        for (String jid : unblocked) sendPresence(user, Jid.parse(jid), false);
        return r.result();
    }

    /** The blocklist: the deny-everything JID items of the default list, in list order. */
    private List<String> blocked(Jid user) {
        PrivacyList def = service.defaultList(user);
        if (def == null) return List.of();
        return def.items().stream().filter(PrivacyItem::isBlock).map(PrivacyItem::value).distinct().toList();
    }

    /** New blocks go first (a block must win over any allow of the list) and orders are renumbered. */
    static PrivacyList addBlocks(PrivacyList list, List<Jid> jids) {
        Set<String> present = new LinkedHashSet<>();
        for (PrivacyItem i : list.items()) if (i.isBlock()) present.add(i.value());
        List<PrivacyItem> items = new ArrayList<>();
        long order = 0;
        for (Jid j : jids) {
            if (present.add(j.toString())) items.add(PrivacyItem.blockJid(j.toString(), order++));
        }
        for (PrivacyItem i : list.items()) items.add(new PrivacyItem(i.type(), i.value(), i.allow(), order++, i.kinds()));
        return new PrivacyList(list.name(), items);
    }

    private void changed(Jid user, String listName, Element push) {
        service.refresh(user);
        service.pushListName(user, listName);
        List<LocalSession> interested = service.sessions(user).stream().filter(s -> Boolean.TRUE.equals(s.get(INTERESTED))).toList();
        PrivacyService.pushTo(interested, user, push);
    }

    /**
     * Presence of the user's available sessions, or unavailable presence, to the contacts the
     * blocked JID covers that have a subscription to the user's presence.
     */
    private void sendPresence(Jid user, Jid blocked, boolean unavailable) {
        List<Jid> targets = new ArrayList<>();
        for (RosterItem i : roster.items(user)) {
            if (i.hidden() || !i.state().hasFrom()) continue;
            if (blocked.hasResource() ? i.contact().equals(blocked.bare()) : PrivacyRules.jidMatches(blocked, i.contact())) {
                targets.add(blocked.hasResource() ? blocked : i.contact());
            }
        }
        if (targets.isEmpty()) return;
        for (LocalSession s : service.sessions(user)) {
            Presence current = s.presence();
            if (current == null || !current.isAvailable()) continue;
            for (Jid to : targets) {
                router.route(unavailable ? PresenceOut.presence("unavailable", s.jid(), to) : current.withAddresses(s.jid(), to));
            }
        }
    }

    private static List<Jid> items(Element payload) {
        List<Jid> jids = new ArrayList<>();
        for (Element e : payload.children("item", NS)) {
            Jid j = Jid.parseOrNull(e.attr("jid"));
            if (j == null) throw new IllegalArgumentException("invalid JID " + e.attr("jid"));
            jids.add(j);
        }
        return jids;
    }

    private static Element item(String jid) {
        return Element.builder("item", NS).attr("jid", jid).build();
    }
}
