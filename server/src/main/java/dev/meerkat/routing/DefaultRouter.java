package dev.meerkat.routing;

import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookBus;
import dev.meerkat.jid.Jid;
import dev.meerkat.module.HostContext;
import dev.meerkat.module.Hosts;
import dev.meerkat.module.IqTarget;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The router of one node: local hosts, service domains, and (until s2s exists) an error for any
 * other domain.
 */
public final class DefaultRouter implements Router {
    private static final Logger log = LoggerFactory.getLogger(DefaultRouter.class);

    private final Hosts hosts;
    private final SessionDirectory directory;
    private final Predicate<Jid> userExists;
    private final Map<String, Consumer<Stanza>> services = new ConcurrentHashMap<>();

    /**
     * @param userExists whether a bare JID is a registered account (blocking: it may ask storage)
     */
    public DefaultRouter(Hosts hosts, SessionDirectory directory, Predicate<Jid> userExists) {
        this.hosts = hosts;
        this.directory = directory;
        this.userExists = userExists;
    }

    @Override
    public void route(Stanza stanza) {
        Jid to = stanza.to();
        if (to == null) {
            log.warn("dropping stanza without 'to' given to the router: {}", stanza.element());
            return;
        }
        HostContext host = hosts.get(to.domain());
        if (host != null) {
            routeLocal(host, stanza);
            return;
        }
        Consumer<Stanza> service = services.get(to.domain());
        if (service != null) {
            service.accept(stanza);
            return;
        }
        // No server-to-server yet: every other domain is unreachable (RFC 6120 §10.4.3).
        bounce(stanza, StanzaError.REMOTE_SERVER_NOT_FOUND);
    }

    @Override
    public Runnable registerService(String domain, Consumer<Stanza> handler) {
        if (services.putIfAbsent(domain, handler) != null) throw new IllegalStateException("service " + domain + " exists");
        return () -> services.remove(domain, handler);
    }

    @Override
    public void undeliverable(Stanza stanza) {
        // The session went away between look-up and delivery: apply the rules again without it.
        Jid to = stanza.to();
        HostContext host = to == null ? null : hosts.get(to.domain());
        if (host == null || !to.hasLocal()) return;
        List<SessionRef> remaining = directory.resources(to.bare()).stream().filter(s -> !s.jid().equals(to)).toList();
        apply(host, stanza, LocalDelivery.decide(stanza, remaining));
    }

    private void routeLocal(HostContext host, Stanza stanza) {
        HookBus.Outcome<CoreHooks.LocalPacket> filtered =
                host.hooks().run(CoreHooks.FILTER_LOCAL_PACKET, new CoreHooks.LocalPacket(stanza));
        if (filtered.stopped()) return;
        Stanza s = filtered.event().stanza();
        Jid to = s.to();
        if (!to.hasLocal()) {
            toServer(host, s);
            return;
        }
        List<SessionRef> sessions = directory.resources(to.bare());
        LocalDelivery.Decision decision = sessions.isEmpty() && !userExists.test(to.bare())
                ? LocalDelivery.noSuchUser(s)
                : LocalDelivery.decide(s, sessions);
        apply(host, s, decision);
    }

    private void apply(HostContext host, Stanza s, LocalDelivery.Decision decision) {
        switch (decision) {
            case LocalDelivery.Decision.Deliver d -> d.sessions().forEach(r -> r.deliver(s));
            case LocalDelivery.Decision.Bounce b -> bounce(s, StanzaError.SERVICE_UNAVAILABLE);
            case LocalDelivery.Decision.Ignore i -> { }
            case LocalDelivery.Decision.Offline o -> {
                if (!LocalDelivery.offline(host.hooks(), (Message) s).stopped()) bounce(s, StanzaError.SERVICE_UNAVAILABLE);
            }
            case LocalDelivery.Decision.ServerAnswers a -> answerIq(host, IqTarget.BARE_JID, s.to().bare(), (Iq) s);
        }
    }

    private void toServer(HostContext host, Stanza s) {
        if (s instanceof Iq iq && iq.isRequest()) {
            answerIq(host, IqTarget.SERVER, s.to().domainJid(), iq);
        }
        // Messages and presence to the server itself, and IQ results, have no receiver here.
    }

    private void answerIq(HostContext host, IqTarget target, Jid targetJid, Iq iq) {
        LocalSession origin = iq.from() == null ? null
                : directory.find(iq.from()).filter(r -> r instanceof LocalSession).map(r -> (LocalSession) r).orElse(null);
        Iq reply = IqDispatcher.dispatch(host.iq(), target, targetJid, iq, origin, false);
        if (reply != null) route(reply);
    }

    /** Sends an error reply to the sender, never in answer to an error (no loops). */
    private void bounce(Stanza s, StanzaError error) {
        if (s.isError() || s.from() == null) return;
        if (s instanceof Iq iq && !iq.isRequest()) return;
        route(error.replyTo(s));
    }
}
