package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.routing.Router;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * XEP-0115 entity capabilities of local clients, for XEP-0163 filtered notifications: a client's
 * {@code <c ver/>} is looked up in a cache of ver → disco#info features; on first sight of a ver the
 * server asks that client (disco#info to its full JID, node {@code node#ver}) and caches the answer.
 * The answer is trusted as given (the ver hash is not recomputed): a client can only mislabel which
 * notifications it and clients reusing its exact ver string receive.
 */
public final class CapsTracker {
    /** A caps element's node and ver. */
    public record Caps(String node, String ver) {}

    private record Pending(String ver, Jid client, Runnable whenKnown) {}

    private final Router router;
    private final Jid server;
    private final int maxEntries;
    private final Map<String, Set<String>> cache;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public CapsTracker(Router router, Jid server, int maxEntries) {
        this.router = router;
        this.server = server;
        this.maxEntries = maxEntries;
        this.cache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) { return size() > CapsTracker.this.maxEntries; }
        });
    }

    /** The caps a presence advertises. */
    public static Optional<Caps> caps(Presence p) {
        if (p == null) return Optional.empty();
        return p.element().child("c", PubSubNs.CAPS)
                .filter(c -> c.attr("ver") != null)
                .map(c -> new Caps(c.optAttr("node").orElse(""), c.attr("ver")));
    }

    /** Whether the session's client asked for notifications of the node ({@code node+notify}). */
    public boolean wants(SessionRef session, String node) {
        if (!(session instanceof LocalSession local) || !session.available()) return false;
        return caps(local.presence()).map(c -> cache.get(c.ver()))
                .map(f -> f.contains(node + PubSubNs.NOTIFY_SUFFIX)).orElse(false);
    }

    /**
     * Makes sure the features of the session's current caps are known, then runs {@code whenKnown}
     * (at once, or when the client answers the disco#info query; never if it does not answer).
     */
    public void learn(LocalSession session, Runnable whenKnown) {
        Optional<Caps> caps = caps(session.presence());
        if (caps.isEmpty()) return;
        if (cache.containsKey(caps.get().ver())) {
            whenKnown.run();
            return;
        }
        if (pending.size() >= maxEntries) return;
        String id = "caps-" + ids.incrementAndGet();
        pending.put(id, new Pending(caps.get().ver(), session.jid(), whenKnown));
        Element query = Element.builder("query", Ns.DISCO_INFO).attr("node", caps.get().node() + "#" + caps.get().ver()).build();
        router.route(Iq.request(Iq.Type.GET, id, server, session.jid(), query));
    }

    /**
     * Offers a stanza the client sent; true when it was the answer to one of our queries (it is
     * then consumed: nobody else waits for it).
     */
    public boolean answer(LocalSession session, Stanza stanza) {
        if (!(stanza instanceof Iq iq) || iq.isRequest() || !server.equals(iq.to()) || iq.id() == null) return false;
        Pending p = pending.get(iq.id());
        if (p == null || !p.client().equals(session.jid())) return false;
        pending.remove(iq.id());
        if (iq.type() == Iq.Type.RESULT) {
            Set<String> features = new HashSet<>();
            iq.payload().ifPresent(q -> q.children("feature", Ns.DISCO_INFO).forEach(f -> features.add(f.attr("var"))));
            cache.put(p.ver(), Set.copyOf(features));
            p.whenKnown().run();
        }
        return true;
    }

    /** Forgets queries to a client that went away. */
    public void forget(Jid client) {
        pending.values().removeIf(p -> p.client().equals(client));
    }
}
