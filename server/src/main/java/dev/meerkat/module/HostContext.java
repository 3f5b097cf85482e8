package dev.meerkat.module;

import dev.meerkat.hooks.HookBus;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Everything the modules of one host registered: its hooks, IQ handlers and disco entries. */
public final class HostContext {
    private final String host;
    private final HookBus hooks = new HookBus();
    private final IqRouter iq = new IqRouter();
    private final DiscoRegistry disco = new DiscoRegistry();
    private final Set<String> modules = ConcurrentHashMap.newKeySet();
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

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
     * A service a module offers to the rest of the server on this host (e.g. its roster to the
     * admin API), looked up by the interface it was registered under; empty when no running module
     * offers it.
     */
    public <T> Optional<T> service(Class<T> type) { return Optional.ofNullable(type.cast(services.get(type))); }

    /**
     * Registers a service; the returned handle removes it. Modules go through
     * {@link ModuleContext#provide}, which withdraws it when they stop.
     */
    public <T> Runnable provide(Class<T> type, T service) {
        if (services.putIfAbsent(type, service) != null) {
            throw new IllegalStateException(type.getSimpleName() + " is already provided on " + host);
        }
        return () -> services.remove(type, service);
    }

    void moduleStarted(String name) { modules.add(name); }

    void moduleStopped(String name) { modules.remove(name); }
}
