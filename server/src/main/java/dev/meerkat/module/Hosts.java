package dev.meerkat.module;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The served domains and their contexts. Fixed at start-up. */
public final class Hosts {
    private final Map<String, HostContext> byName = new LinkedHashMap<>();

    public Hosts(List<String> hosts) {
        for (String h : hosts) byName.put(h, new HostContext(h));
    }

    /** The context of a served domain, or null if the domain is not ours. */
    public HostContext get(String domain) { return byName.get(domain); }

    public boolean isLocal(String domain) { return byName.containsKey(domain); }

    public Collection<HostContext> all() { return byName.values(); }

    public List<String> names() { return List.copyOf(byName.keySet()); }
}
