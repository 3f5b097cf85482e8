package dev.meerkat.mod.presence;

import dev.meerkat.jid.Jid;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionKey;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JIDs a session sent directed available presence to (RFC 6121 §4.6), which must get its
 * unavailable presence when it goes offline. Kept on the session itself.
 */
final class DirectedPresence {
    static final SessionKey<DirectedPresence> KEY = SessionKey.of("presence.directed", DirectedPresence.class);

    private final Set<Jid> targets = ConcurrentHashMap.newKeySet();

    static DirectedPresence of(LocalSession session) {
        DirectedPresence d = session.get(KEY);
        if (d == null) {
            d = new DirectedPresence();
            session.put(KEY, d);
        }
        return d;
    }

    void sent(Jid to, boolean available) {
        if (available) targets.add(to); else targets.remove(to);
    }

    /** The targets, forgetting them. */
    List<Jid> drain() {
        List<Jid> all = List.copyOf(targets);
        targets.removeAll(all);
        return all;
    }
}
