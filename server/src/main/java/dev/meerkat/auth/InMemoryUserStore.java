package dev.meerkat.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Accounts kept in memory only (the "memory" backend and tests). Thread-safe; nothing blocks, but
 * callers treat it like any {@link UserStore}.
 */
public final class InMemoryUserStore implements UserStore {
    // Per domain a sorted map, so that list() pages in alphabetical order without sorting.
    private final Map<String, ConcurrentSkipListMap<String, StoredCredentials>> domains = new ConcurrentHashMap<>();

    private ConcurrentSkipListMap<String, StoredCredentials> users(String domain) {
        return domains.computeIfAbsent(domain, d -> new ConcurrentSkipListMap<>());
    }

    private Optional<ConcurrentSkipListMap<String, StoredCredentials>> existingUsers(String domain) {
        return Optional.ofNullable(domains.get(domain));
    }

    @Override
    public boolean create(String user, String domain, StoredCredentials credentials) {
        return users(domain).putIfAbsent(user, credentials) == null;
    }

    @Override
    public Optional<StoredCredentials> credentials(String user, String domain) {
        return existingUsers(domain).map(m -> m.get(user));
    }

    @Override
    public boolean setCredentials(String user, String domain, StoredCredentials credentials) {
        return existingUsers(domain).map(m -> m.replace(user, credentials) != null).orElse(false);
    }

    @Override
    public boolean remove(String user, String domain) {
        return existingUsers(domain).map(m -> m.remove(user) != null).orElse(false);
    }

    @Override
    public boolean exists(String user, String domain) {
        return existingUsers(domain).map(m -> m.containsKey(user)).orElse(false);
    }

    @Override
    public long count(String domain) {
        return existingUsers(domain).map(m -> (long) m.size()).orElse(0L);
    }

    @Override
    public List<String> list(String domain, int offset, int limit) {
        if (offset < 0 || limit < 0) throw new IllegalArgumentException("offset and limit must not be negative");
        return existingUsers(domain)
                .map(m -> m.keySet().stream().skip(offset).limit(limit).toList())
                .orElse(List.of());
    }
}
