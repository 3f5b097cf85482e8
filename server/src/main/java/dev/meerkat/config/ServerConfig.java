package dev.meerkat.config;

import java.util.List;
import java.util.Map;

/**
 * The whole configuration, parsed and validated from {@code meerkat.toml} at start-up by
 * {@link ConfigLoader}. Everything here is immutable and already checked: code that receives a
 * config never re-validates it.
 *
 * @param modules   modules enabled on every host, by name ({@code mod_ping}), with their raw options
 *                  (each module validates its own options through {@link Options})
 * @param hostModules per-host overrides from {@code [[host_config]]}: host → module name → options;
 *                  a host listed there uses exactly that module set
 */
public record ServerConfig(GeneralConfig general,
                           List<C2sListenerConfig> c2sListeners,
                           List<HttpListenerConfig> httpListeners,
                           AuthConfig auth,
                           RdbmsConfig rdbms,
                           AclConfig acl,
                           Map<String, ShaperConfig> shapers,
                           Map<String, Options> modules,
                           Map<String, Map<String, Options>> hostModules) {

    /** The module set for one host: its {@code [[host_config]]} entry if any, else the global one. */
    public Map<String, Options> modulesFor(String host) {
        return hostModules.getOrDefault(host, modules);
    }
}
