package dev.meerkat.mod.carboncopy;

import dev.meerkat.config.Options;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.hooks.Priority;
import dev.meerkat.jid.Jid;
import dev.meerkat.metrics.ModuleMetrics;
import dev.meerkat.mod.carboncopy.CarbonRules.Direction;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqTarget;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.routing.LocalDelivery;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionKey;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.StanzaError;

import java.util.List;

/**
 * XEP-0280 Message Carbons ({@code urn:xmpp:carbons:2}): a session that enabled carbons gets a
 * copy of every eligible message its account sends from another resource ({@code <sent/>}) and of
 * every eligible message for the account delivered to another resource ({@code <received/>}). No
 * options.
 *
 * <p>Received copies are made in {@code filter_local_packet}, which runs once per message for the
 * account, before the delivery rules: the rules of RFC 6121 §8.5 are applied there to find which
 * sessions get the message itself, and every other enabled session gets one copy. Making them in
 * {@code user_receive} instead would copy once per receiving session, i.e. twice for a message
 * to the bare JID delivered to two resources of equal priority.
 */
public final class CarbonsModule implements XmppModule {
    private static final SessionKey<Boolean> ENABLED = SessionKey.of("mod_carboncopy.enabled", Boolean.class);

    private final SessionDirectory directory;
    private ModuleMetrics.Count copies = () -> { };

    public CarbonsModule(SessionDirectory directory) {
        this.directory = directory;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_carboncopy"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            return new CarbonsModule(services.sessions().directory());
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        copies = ModuleMetrics.of(ctx.hostContext()).counter("mod_carboncopy_copies", "Carbon copies sent (XEP-0280), received and sent ones");
        ctx.serverFeature(CarbonRules.NS);
        ctx.iq(IqTarget.BARE_JID, "enable", CarbonRules.NS, r -> toggle(r, true));
        ctx.iq(IqTarget.BARE_JID, "disable", CarbonRules.NS, r -> toggle(r, false));
        // Late: a module that drops the message (privacy, blocking) stops the chain before this runs.
        ctx.hook(CoreHooks.FILTER_LOCAL_PACKET, Priority.LATE, e -> {
            if (e.stanza() instanceof Message m && m.to().hasLocal() && CarbonRules.eligible(m, Direction.RECEIVED)) {
                copyReceived(m);
            }
            return HookResult.proceed();
        });
        ctx.hook(CoreHooks.USER_SEND, Priority.LATE, e -> {
            if (e.stanza() instanceof Message m && CarbonRules.eligible(m, Direction.SENT)) copySent(e.session(), m);
            return HookResult.proceed();
        });
    }

    public static boolean enabled(SessionRef s) {
        return s instanceof LocalSession local && Boolean.TRUE.equals(local.get(ENABLED));
    }

    private Iq toggle(IqRequest r, boolean enable) {
        if (!r.isSet()) return r.error(StanzaError.BAD_REQUEST, "carbons are enabled and disabled with type='set'");
        if (!r.fromOwner() || r.session() == null) return r.error(StanzaError.FORBIDDEN, "only a session of the account itself");
        r.session().put(ENABLED, enable ? Boolean.TRUE : null);
        return r.result();
    }

    private void copyReceived(Message m) {
        List<SessionRef> sessions = directory.resources(m.to().bare());
        if (sessions.isEmpty()) return;
        List<SessionRef> gettingOriginal = LocalDelivery.decide(m, sessions) instanceof LocalDelivery.Decision.Deliver d
                ? d.sessions() : List.of();
        for (SessionRef s : sessions) {
            if (enabled(s) && !gettingOriginal.contains(s)) {
                s.deliver(CarbonRules.copy(m, Direction.RECEIVED, s.jid()));
                copies.increment();
            }
        }
    }

    private void copySent(LocalSession sender, Message m) {
        Jid to = m.to();
        for (SessionRef s : directory.resources(sender.jid().bare())) {
            // Not to the sender, nor to a resource the message itself goes to.
            if (s == sender || s.jid().equals(sender.jid()) || (to != null && s.jid().equals(to))) continue;
            if (enabled(s)) {
                s.deliver(CarbonRules.copy(m, Direction.SENT, s.jid()));
                copies.increment();
            }
        }
    }
}
