package dev.meerkat.module;

import dev.meerkat.config.ConfigException;
import dev.meerkat.config.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Starts the configured modules on each host and stops them in reverse order. */
public final class ModuleManager {
    private static final Logger log = LoggerFactory.getLogger(ModuleManager.class);

    private record Running(String name, String host, XmppModule module, ModuleContext context) {}

    private final Map<String, ModuleFactory> catalog = new LinkedHashMap<>();
    private final Deque<Running> running = new ArrayDeque<>();

    public ModuleManager(List<ModuleFactory> factories) {
        for (ModuleFactory f : factories) catalog.put(f.name(), f);
    }

    /**
     * Creates every module of every host first (so all option errors surface before anything
     * starts), then starts them in config order.
     */
    public void startAll(Hosts hosts, ServerServices services) throws Exception {
        List<Running> created = new java.util.ArrayList<>();
        for (HostContext host : hosts.all()) {
            for (Map.Entry<String, Options> e : services.config().modulesFor(host.host()).entrySet()) {
                ModuleFactory factory = catalog.get(e.getKey());
                if (factory == null) {
                    throw new ConfigException(e.getValue().path() + ": unknown module \"" + e.getKey()
                            + "\"; known modules: " + String.join(", ", catalog.keySet()));
                }
                XmppModule module = factory.create(host.host(), e.getValue(), services);
                e.getValue().rejectUnknown();
                created.add(new Running(e.getKey(), host.host(), module, new ModuleContext(e.getKey(), host, services)));
            }
        }
        for (Running r : created) {
            r.module().start(r.context());
            hosts.get(r.host()).moduleStarted(r.name());
            running.push(r);
            log.debug("started {} on {}", r.name(), r.host());
        }
    }

    public void stopAll(Hosts hosts) {
        while (!running.isEmpty()) {
            Running r = running.pop();
            try {
                r.module().stop();
            } catch (RuntimeException e) {
                log.warn("stopping {} on {} failed", r.name(), r.host(), e);
            }
            r.context().undoAll();
            hosts.get(r.host()).moduleStopped(r.name());
        }
    }

    public List<String> known() { return List.copyOf(catalog.keySet()); }
}
