package dev.meerkat.mod.adhoc;

import dev.meerkat.jid.Jid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command runs of one host that wait for their requester. A run idle for longer than the
 * timeout has expired: it is answered with session-expired once, and runs idle for twice the
 * timeout are dropped whenever a new run starts, so abandoned runs cannot pile up.
 */
final class CommandSessions {
    /** How a lookup went. */
    sealed interface Lookup {
        record Found(CommandSession session) implements Lookup {}
        record Expired() implements Lookup {}
        record Unknown() implements Lookup {}
    }

    private final Map<String, CommandSession> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration timeout;
    private final int maxPerOwner;

    CommandSessions(Clock clock, Duration timeout, int maxPerOwner) {
        this.clock = clock;
        this.timeout = timeout;
        this.maxPerOwner = maxPerOwner;
    }

    Instant now() { return clock.instant(); }

    /** A new run, or empty if the owner already has too many open. */
    Optional<CommandSession> open(String node, Jid owner, CommandResponse.Stage first) {
        Instant now = now();
        sessions.values().removeIf(s -> s.touched().plus(timeout.multipliedBy(2)).isBefore(now));
        long open = sessions.values().stream().filter(s -> s.owner().equals(owner)).count();
        if (open >= maxPerOwner) return Optional.empty();
        CommandSession s = new CommandSession(UUID.randomUUID().toString(), node, owner, java.util.List.of(first), java.util.List.of(), now);
        sessions.put(s.id(), s);
        return Optional.of(s);
    }

    /** The run with that id, if it belongs to this requester and command. */
    Lookup find(String id, String node, Jid requester) {
        CommandSession s = sessions.get(id);
        // someone else's run is reported as unknown: its id tells the requester nothing
        if (s == null || !s.owner().equals(requester) || !s.node().equals(node)) return new Lookup.Unknown();
        if (s.touched().plus(timeout).isBefore(now())) {
            sessions.remove(id, s);
            return new Lookup.Expired();
        }
        return new Lookup.Found(s);
    }

    void update(CommandSession s) { sessions.put(s.id(), s); }

    void close(String id) { sessions.remove(id); }

    int size() { return sessions.size(); }
}
