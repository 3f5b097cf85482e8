package dev.meerkat.c2s;

import java.util.Optional;

/**
 * Resumable sessions by their XEP-0198 id. One node keeps them in memory
 * ({@link LocalResumptionRegistry}); a cluster would replace it with one that also knows which node
 * holds an id, so that a client reconnecting to another node can be sent where its session lives.
 * Thread-safe.
 */
public interface ResumptionRegistry {
    void register(String id, ClientSession session);

    Optional<ClientSession> find(String id);

    /** Removes the entry only if it still names this session. */
    void remove(String id, ClientSession session);
}
