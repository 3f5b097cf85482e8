package dev.meerkat.module;

import dev.meerkat.hooks.HookBus;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Everything the modules of one host registered: its hooks, IQ handlers and disco entries. */
public final class HostContext {
    private final String host;
    private final HookBus hooks = new HookBus();
    private final IqRouter iq = new IqRouter();
    private final DiscoRegistry disco = new DiscoRegistry();
    private final Set<String> modules = ConcurrentHashMap.newKeySet();

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

    void moduleStarted(String name) { modules.add(name); }

    void moduleStopped(String name) { modules.remove(name); }
}
