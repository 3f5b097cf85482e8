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
 * @param adminApi  {@code [admin_api]}
 * @param metrics   {@code [metrics]}
 */
public record ServerConfig(GeneralConfig general,
                           List<C2sListenerConfig> c2sListeners,
                           List<HttpListenerConfig> httpListeners,
                           AuthConfig auth,
                           RdbmsConfig rdbms,
                           AclConfig acl,
                           Map<String, ShaperConfig> shapers,
                           Map<String, Options> modules,
                           Map<String, Map<String, Options>> hostModules,
                           AdminApiConfig adminApi,
                           MetricsConfig metrics) {

    /** Without the operator listeners (both off): for code that builds a config by hand. */
    public ServerConfig(GeneralConfig general, List<C2sListenerConfig> c2sListeners, List<HttpListenerConfig> httpListeners,
                        AuthConfig auth, RdbmsConfig rdbms, AclConfig acl, Map<String, ShaperConfig> shapers,
                        Map<String, Options> modules, Map<String, Map<String, Options>> hostModules) {
        this(general, c2sListeners, httpListeners, auth, rdbms, acl, shapers, modules, hostModules,
                new AdminApiConfig(false, "127.0.0.1", 0, null, null), new MetricsConfig(false, "127.0.0.1", 0));
    }

    /** The module set for one host: its {@code [[host_config]]} entry if any, else the global one. */
    public Map<String, Options> modulesFor(String host) {
        return hostModules.getOrDefault(host, modules);
    }
}
