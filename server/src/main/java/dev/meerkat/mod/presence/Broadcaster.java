package dev.meerkat.mod.presence;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.roster.PresenceOut;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.routing.Router;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Presence;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Presence broadcast of RFC 6121 §4: initial presence with probes (§4.2), subsequent presence
 * (§4.4), unavailable presence including directed-presence recipients (§4.5, §4.6), and answers
 * to probes (§4.3).
 */
final class Broadcaster {
    private final RosterStore store;
    private final Router router;
    private final SessionDirectory directory;

    Broadcaster(RosterStore store, Router router, SessionDirectory directory) {
        this.store = store;
        this.router = router;
        this.directory = directory;
    }

    /** The session sent broadcast presence; {@code initial} when it was not available before. */
    void available(LocalSession session, Presence p, boolean initial) {
        Jid full = session.jid();
        Jid user = full.bare();
        List<RosterItem> items = store.items(user);
        for (RosterItem i : items) {
            if (i.state().hasFrom()) router.route(p.withAddresses(full, i.contact()));
        }
        // the user's own available resources, this one included (§4.2.2, §4.4.2)
        for (SessionRef ref : directory.resources(user)) {
            if (ref.available() || ref == session) ref.deliver(p.withAddresses(full, ref.jid()));
        }
        if (!initial) return;
        for (RosterItem i : items) {
            // probes go from the bare JID; answers reach every available resource (§4.3.1)
            if (i.state().hasTo()) router.route(PresenceOut.presence("probe", user, i.contact()));
        }
        for (SessionRef ref : directory.resources(user)) {
            if (ref != session && ref.available() && ref instanceof LocalSession other && other.presence() != null) {
                session.deliver(other.presence().withAddresses(other.jid(), full));
            }
        }
    }

    /**
     * The session became unavailable (explicitly or by going away): contacts with a 'from'
     * subscription, the user's other resources and every directed-presence recipient hear it.
     */
    void unavailable(LocalSession session, Presence p, boolean wasAvailable) {
        Jid full = session.jid();
        Jid user = full.bare();
        Set<Jid> targets = new LinkedHashSet<>();
        if (wasAvailable) {
            for (RosterItem i : store.items(user)) if (i.state().hasFrom()) targets.add(i.contact());
        }
        targets.addAll(DirectedPresence.of(session).drain());
        for (Jid to : targets) router.route(p.withAddresses(full, to));
        if (!wasAvailable) return;
        for (SessionRef ref : directory.resources(user)) {
            if (ref != session && ref.available()) ref.deliver(p.withAddresses(full, ref.jid()));
        }
    }

    /** §4.3.2: a probe from {@code prober} about the local user {@code user}. */
    void probe(Jid prober, Jid user) {
        boolean subscribed = store.item(user, prober.bare()).map(i -> i.state().hasFrom()).orElse(false);
        if (!subscribed) {
            // the prober's server believes it is subscribed; telling it otherwise resynchronises
            router.route(PresenceOut.presence("unsubscribed", user, prober.bare()));
            return;
        }
        // with no available resource nothing is sent (the server keeps no last unavailable presence)
        for (SessionRef ref : directory.resources(user)) {
            if (ref.available() && ref instanceof LocalSession s && s.presence() != null) {
                router.route(s.presence().withAddresses(s.jid(), prober));
            }
        }
    }
}
