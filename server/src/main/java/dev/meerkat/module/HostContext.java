package dev.meerkat.module;

import dev.meerkat.hooks.HookBus;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Everything the modules of one host registered: its hooks, IQ handlers and disco entries. */
public final class HostContext {
    private final String host;
    private final HookBus hooks = new HookBus();
    private final IqRouter iq = new IqRouter();
    private final DiscoRegistry disco = new DiscoRegistry();
    private final Set<String> modules = ConcurrentHashMap.newKeySet();
    private final Map<Class<?>, Object> extensions = new ConcurrentHashMap<>();

    public HostContext(String host) {
        this.host = host;
    }

    public String host() { return host; }

    public HookBus hooks() { return hooks; }

    public IqRouter iq() { return iq; }

    public DiscoRegistry disco() { return disco; }

    /** Names of the modules running on this host. */
    public Set<String> modules() { return Set.copyOf(modules); }

    public boolean hasModule(String name) { return modules.contains(name); }

    /**
     * Offers the core of this host a service implemented by a module (e.g. XEP-0198 stream
     * management to the client sessions). Returns the handle that withdraws it.
     */
    public <T> Runnable provide(Class<T> type, T service) {
        extensions.put(type, service);
        return () -> extensions.remove(type, service);
    }

    /** The service a module provides for {@code type}, or null if no running module does. */
    public <T> T extension(Class<T> type) { return type.cast(extensions.get(type)); }

    void moduleStarted(String name) { modules.add(name); }

    void moduleStopped(String name) { modules.remove(name); }
}
