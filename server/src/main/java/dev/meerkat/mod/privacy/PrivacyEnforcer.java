package dev.meerkat.mod.privacy;

import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.jid.Jid;
import dev.meerkat.metrics.ModuleMetrics;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.routing.LocalDelivery;
import dev.meerkat.routing.Router;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies the lists to stanzas (XEP-0016 §2.10–2.15, XEP-0191 §3.5–3.6):
 * <ul>
 * <li>filter_local_packet, recipient side: the lists of the sessions the stanza would go to
 *     (RFC 6121 §8.5 rules), or the default list when it goes to none of them; blocked only if
 *     every one of them blocks it. A blocked message or IQ get/set is answered with
 *     service-unavailable, anything else is dropped silently.</li>
 * <li>filter_local_packet, sender side: presence the server sends for a local user of this host
 *     (broadcasts, probe answers), against the sending session's list.</li>
 * <li>user_receive_packet: each session's own list (a message to the bare JID may reach a session
 *     whose active list blocks it while another session takes it).</li>
 * <li>user_send_packet: what the client sends; a blocked message or IQ request is answered with
 *     not-acceptable and XEP-0191's {@code <blocked/>}.</li>
 * </ul>
 */
public final class PrivacyEnforcer {
    public static final String BLOCKING_ERRORS_NS = "urn:xmpp:blocking:errors";
    /** Before every other module, so a blocked stanza has no other effect (business rule 4). */
    static final int PRIORITY = 10;

    private final PrivacyService service;
    private final SessionDirectory directory;
    private final Router router;
    private ModuleMetrics.Count deniedIn = () -> { };
    private ModuleMetrics.Count deniedOut = () -> { };

    public PrivacyEnforcer(PrivacyService service, SessionDirectory directory, Router router) {
        this.service = service;
        this.directory = directory;
        this.router = router;
    }

    public void register(ModuleContext ctx) {
        String host = ctx.host();
        // one pair for mod_privacy and mod_blocking: XEP-0191 blocks are privacy list items
        ModuleMetrics metrics = ModuleMetrics.of(ctx.hostContext());
        deniedIn = metrics.counter("mod_privacy_denied_in", "Stanzas to users that privacy lists or blocking refused");
        deniedOut = metrics.counter("mod_privacy_denied_out", "Stanzas from users that their privacy lists or blocking refused");
        ctx.hook(CoreHooks.FILTER_LOCAL_PACKET, PRIORITY, e -> filter(host, e.stanza()) ? HookResult.proceed() : denied(deniedIn));
        ctx.hook(CoreHooks.USER_RECEIVE, PRIORITY, e -> received(e.session(), e.stanza()) ? HookResult.proceed() : denied(deniedIn));
        ctx.hook(CoreHooks.USER_SEND, PRIORITY, e -> sent(e.session(), e.stanza()) ? HookResult.proceed() : denied(deniedOut));
        ctx.hook(CoreHooks.USER_REMOVED, PRIORITY, e -> {
            service.store().removeAll(e.user());
            return HookResult.proceed();
        });
    }

    private static <E> HookResult<E> denied(ModuleMetrics.Count count) {
        count.increment();
        return HookResult.stop();
    }

    /** @return false if the stanza must not go on */
    boolean filter(String host, Stanza s) {
        Jid from = s.from();
        Jid to = s.to();
        if (from == null || to == null || from.sameBare(to)) return true;
        if (s instanceof Presence && from.hasLocal() && from.domain().equals(host)) {
            PrivacyList list = from.hasResource()
                    ? localSession(from).map(ls -> service.state(ls).effective()).orElseGet(() -> service.defaultList(from.bare()))
                    : service.defaultList(from.bare());
            if (!service.allowed(list, from.bare(), Traffic.outgoing(s), to)) return false;
        }
        if (!to.hasLocal()) return true;
        Jid user = to.bare();
        Traffic traffic = Traffic.incoming(s);
        if (recipientAllows(s, user, traffic, from)) return true;
        refuse(s);
        return false;
    }

    private boolean recipientAllows(Stanza s, Jid user, Traffic traffic, Jid from) {
        List<SessionRef> sessions = directory.resources(user);
        if (LocalDelivery.decide(s, sessions) instanceof LocalDelivery.Decision.Deliver d) {
            for (SessionRef r : d.sessions()) {
                // a session on another node keeps its own state; let it decide
                PrivacyList list = r instanceof LocalSession ls ? service.state(ls).effective() : null;
                if (service.allowed(list, user, traffic, from)) return true;
            }
            return false;
        }
        return service.allowed(service.defaultList(user), user, traffic, from);
    }

    /** XEP-0016 §2.15: the user appears offline to a blocked sender. */
    private void refuse(Stanza s) {
        boolean answer = switch (s) {
            case Message m -> !m.isError();
            case Iq iq -> iq.isRequest();
            case Presence p -> false;
        };
        if (answer) router.route(StanzaError.SERVICE_UNAVAILABLE.replyTo(s));
    }

    boolean received(LocalSession session, Stanza s) {
        if (session.jid() == null) return true;
        return service.allowed(service.state(session).effective(), session.jid().bare(), Traffic.incoming(s), s.from());
    }

    boolean sent(LocalSession session, Stanza s) {
        Jid to = s.to();
        Jid own = session.jid();
        // Broadcast presence (no 'to') is checked per contact in filter().
        if (to == null || own == null) return true;
        if (service.allowed(service.state(session).effective(), own.bare(), Traffic.outgoing(s), to)) return true;
        boolean answer = switch (s) {
            case Message m -> !m.isError();
            case Iq iq -> iq.isRequest();
            case Presence p -> false;
        };
        if (answer) session.send(blockedError(s));
        return false;
    }

    /** XEP-0191 §3.6 (and XEP-0016 §2.15): not-acceptable with the blocking error condition. */
    static Stanza blockedError(Stanza s) {
        Element reply = StanzaError.NOT_ACCEPTABLE.replyTo(s).element();
        Element error = StanzaError.NOT_ACCEPTABLE.toElement("cancel", null, null)
                .withChild(Element.of("blocked", BLOCKING_ERRORS_NS));
        List<Node> children = new ArrayList<>();
        for (Node n : reply.children()) {
            children.add(n instanceof Element e && e.name().equals("error") ? error : n);
        }
        return Stanza.of(reply.withChildren(children));
    }

    private java.util.Optional<LocalSession> localSession(Jid full) {
        return directory.find(full).filter(r -> r instanceof LocalSession).map(r -> (LocalSession) r);
    }
}
