package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Archiving preferences with a bounded cache in front of the store: every routed message needs its
 * owner's preferences, and they change only through this class (one node), so the cache stays right.
 */
final class Preferences {
    private static final int CACHE_SIZE = 10_000;

    private final ArchiveStore store;
    private final ArchivePrefs defaults;
    private final Map<Jid, ArchivePrefs> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Jid, ArchivePrefs> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    Preferences(ArchiveStore store, ArchivePrefs.Mode defaultMode) {
        this.store = store;
        this.defaults = ArchivePrefs.of(defaultMode);
    }

    ArchivePrefs of(Jid owner) {
        Jid bare = owner.bare();
        synchronized (cache) {
            ArchivePrefs cached = cache.get(bare);
            if (cached != null) return cached;
        }
        ArchivePrefs loaded = store.prefs(bare).orElse(defaults);
        synchronized (cache) {
            cache.putIfAbsent(bare, loaded);
            return cache.get(bare);
        }
    }

    void set(Jid owner, ArchivePrefs prefs) {
        Jid bare = owner.bare();
        store.setPrefs(bare, prefs);
        synchronized (cache) {
            cache.put(bare, prefs);
        }
    }

    void forget(Jid owner) {
        synchronized (cache) {
            cache.remove(owner.bare());
        }
    }
}
