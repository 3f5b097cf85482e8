package dev.meerkat.module;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One host's IQ handlers, by target and payload (element name, namespace). */
public final class IqRouter {
    private record Key(IqTarget target, String name, String namespace) {}

    private final Map<Key, IqHandler> handlers = new ConcurrentHashMap<>();
    private final Map<Key, IqHandler> preAuth = new ConcurrentHashMap<>();

    Runnable register(IqTarget target, String name, String namespace, IqHandler handler) {
        return put(handlers, new Key(target, name, namespace), handler);
    }

    Runnable registerPreAuth(String name, String namespace, IqHandler handler) {
        return put(preAuth, new Key(IqTarget.SERVER, name, namespace), handler);
    }

    public IqHandler find(IqTarget target, String name, String namespace) {
        return handlers.get(new Key(target, name, namespace));
    }

    /** A handler allowed on a stream that has not authenticated yet (in-band registration). */
    public IqHandler findPreAuth(String name, String namespace) {
        return preAuth.get(new Key(IqTarget.SERVER, name, namespace));
    }

    private static Runnable put(Map<Key, IqHandler> map, Key key, IqHandler handler) {
        if (map.putIfAbsent(key, handler) != null)
            throw new IllegalStateException("two handlers for " + key);
        return () -> map.remove(key, handler);
    }
}
