package dev.meerkat.mod.last;

import dev.meerkat.config.Options;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.hooks.Priority;
import dev.meerkat.jid.Jid;
import dev.meerkat.mod.last.jdbc.JdbcLastActivityStore;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.mod.roster.jdbc.JdbcRosterStore;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqTarget;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionKey;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * XEP-0012 Last Activity ({@code jabber:iq:last}): asked of the domain, the server's uptime; asked
 * of an account, how long ago its last session ended and the status text it left with, shown only
 * to the account itself and to contacts allowed to see its presence (subscription 'from' or
 * 'both'). An account with an available resource is reported active now (0 seconds). No options.
 */
public final class LastModule implements XmppModule {
    public static final String NS = "jabber:iq:last";

    /** The status text of the session's last unavailable presence, kept until the session ends. */
    private static final SessionKey<String> LEAVING_STATUS = SessionKey.of("mod_last.status", String.class);

    private final LastActivityStore store;
    private final RosterStore roster;
    private final SessionDirectory directory;
    private final Clock clock;
    private final Instant startedAt;

    public LastModule(LastActivityStore store, RosterStore roster, SessionDirectory directory, Clock clock, Instant startedAt) {
        this.store = store;
        this.roster = roster;
        this.directory = directory;
        this.clock = clock;
        this.startedAt = startedAt;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_last"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            return new LastModule(new JdbcLastActivityStore(services.database()), new JdbcRosterStore(services.database()),
                    services.sessions().directory(), services.clock(), services.startedAt());
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        ctx.iq(IqTarget.SERVER, "query", NS, r -> r.isGet() ? r.result(query(since(startedAt), null)) : notAllowed(r));
        ctx.iq(IqTarget.BARE_JID, "query", NS, this::account);
        ctx.serverFeature(NS);
        ctx.accountFeature(NS);
        ctx.hook(CoreHooks.PRESENCE_CHANGED, Priority.DEFAULT, e -> {
            if (e.current().isUnavailable()) {
                e.session().put(LEAVING_STATUS, e.current().element().childText("status", e.current().element().namespace()).orElse(""));
            }
            return HookResult.proceed();
        });
        ctx.hook(CoreHooks.SESSION_CLOSED, Priority.DEFAULT, e -> {
            Jid user = e.session().jid().bare();
            // Only the end of the last session is a logout; a replaced session leaves its successor behind.
            if (directory.resources(user).isEmpty()) {
                String status = e.session().get(LEAVING_STATUS);
                store.set(user, new LastActivityStore.LastActivity(clock.instant(), status == null ? "" : status));
            }
            return HookResult.proceed();
        });
        ctx.hook(CoreHooks.USER_REMOVED, Priority.DEFAULT, e -> {
            store.remove(e.user());
            return HookResult.proceed();
        });
        ctx.provide(LastService.class, new LastService() {
            @Override public Optional<LastActivityStore.LastActivity> last(Jid user) { return store.get(user.bare()); }

            @Override public void setLast(Jid user, LastActivityStore.LastActivity activity) { store.set(user.bare(), activity); }
        });
    }

    Iq account(IqRequest r) {
        if (!r.isGet()) return notAllowed(r);
        Jid user = r.target().bare();
        if (!r.fromOwner() && !maySee(user, r.from())) {
            return r.error(StanzaError.FORBIDDEN, "not subscribed to this user's presence");
        }
        if (directory.resources(user).stream().anyMatch(SessionRef::available)) return r.result(query(0, null));
        Optional<LastActivityStore.LastActivity> last = store.get(user);
        if (last.isEmpty()) return r.error(StanzaError.SERVICE_UNAVAILABLE, "no last activity recorded");
        return r.result(query(since(last.get().at()), last.get().status()));
    }

    /** XEP-0012 §4: the requester must be allowed to see the user's presence. */
    private boolean maySee(Jid user, Jid requester) {
        return requester != null && roster.item(user, requester.bare()).map(i -> i.state().hasFrom()).orElse(false);
    }

    private long since(Instant t) { return Math.max(0, Duration.between(t, clock.instant()).toSeconds()); }

    private static Element query(long seconds, String status) {
        Element.Builder q = Element.builder("query", NS).attr("seconds", Long.toString(seconds));
        if (status != null && !status.isEmpty()) q.text(status);
        return q.build();
    }

    private static Iq notAllowed(IqRequest r) { return r.error(StanzaError.NOT_ALLOWED, "last activity is read-only"); }
}
