package dev.meerkat.c2s;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The resumable sessions of this node, in memory. */
public final class LocalResumptionRegistry implements ResumptionRegistry {
    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void register(String id, ClientSession session) { sessions.put(id, session); }

    @Override
    public Optional<ClientSession> find(String id) { return Optional.ofNullable(sessions.get(id)); }

    @Override
    public void remove(String id, ClientSession session) { sessions.remove(id, session); }

    /** Entries held (for tests and metrics). */
    public int size() { return sessions.size(); }
}
