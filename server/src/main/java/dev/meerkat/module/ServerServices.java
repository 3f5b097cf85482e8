package dev.meerkat.module;

import dev.meerkat.auth.AuthService;
import dev.meerkat.config.ServerConfig;
import dev.meerkat.routing.Router;
import dev.meerkat.session.SessionManager;
import dev.meerkat.storage.Database;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The server-wide services a module may use, handed to module factories by the composition root.
 *
 * @param blocking  executor for blocking work outside a session (virtual threads)
 * @param scheduler for timers; tasks must be short and hand blocking work to {@code blocking}
 */
public record ServerServices(ServerConfig config, Router router, SessionManager sessions, AuthService auth,
                             Database database, Hosts hosts, Clock clock, Instant startedAt,
                             ExecutorService blocking, ScheduledExecutorService scheduler, String version) {
    /** True if the bare JID is listed as an admin in {@code [acl] admin}. */
    public boolean isAdmin(dev.meerkat.jid.Jid jid) {
        return jid != null && config.acl().admins().contains(jid.bare().toString());
    }
}
