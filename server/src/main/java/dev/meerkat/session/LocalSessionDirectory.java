package dev.meerkat.session;

import dev.meerkat.jid.Jid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The session directory of a single node: a map from bare JID to its resources. */
public final class LocalSessionDirectory implements SessionDirectory {
    private final Map<Jid, Map<String, SessionRef>> byBare = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Optional<SessionRef> put(SessionRef session) {
        Jid jid = session.jid();
        SessionRef[] replaced = new SessionRef[1];
        byBare.compute(jid.bare(), (k, resources) -> {
            Map<String, SessionRef> m = resources == null ? new ConcurrentHashMap<>() : resources;
            replaced[0] = m.put(jid.resource(), session);
            return m;
        });
        if (replaced[0] == null) count.incrementAndGet();
        return Optional.ofNullable(replaced[0]);
    }

    @Override
    public void remove(SessionRef session) {
        Jid jid = session.jid();
        boolean[] removed = new boolean[1];
        byBare.computeIfPresent(jid.bare(), (k, m) -> {
            removed[0] = m.remove(jid.resource(), session);
            return m.isEmpty() ? null : m;
        });
        if (removed[0]) count.decrementAndGet();
    }

    @Override
    public Optional<SessionRef> find(Jid fullJid) {
        Map<String, SessionRef> m = byBare.get(fullJid.bare());
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(fullJid.resource()));
    }

    @Override
    public List<SessionRef> resources(Jid bareJid) {
        Map<String, SessionRef> m = byBare.get(bareJid.bare());
        return m == null ? List.of() : List.copyOf(m.values());
    }

    @Override
    public int count() { return count.get(); }

    @Override
    public Collection<SessionRef> all() {
        List<SessionRef> out = new ArrayList<>(count.get());
        byBare.values().forEach(m -> out.addAll(m.values()));
        return out;
    }
}
