package dev.meerkat.c2s;

import dev.meerkat.module.Hosts;
import dev.meerkat.routing.Router;
import dev.meerkat.sasl.CredentialSource;
import dev.meerkat.sasl.SaslMechanism;
import dev.meerkat.session.SessionManager;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every client session of one listener shares.
 *
 * @param mechanisms           SASL mechanisms in order of preference
 * @param maxAuthRetries       failed SASL attempts allowed on one stream
 * @param stateTimeout         time allowed between steps before binding (reset by every element)
 * @param allowPlainWithoutTls offer PLAIN on unencrypted streams
 * @param tlsRequired          refuse authentication until STARTTLS (starttls_required)
 * @param executor             runs session work (virtual threads)
 * @param events               what sessions report for the metrics (stream errors)
 */
public record C2sEnvironment(Hosts hosts, Router router, SessionManager sessions, CredentialSource credentials,
                             List<SaslMechanism> mechanisms, AuthThrottle throttle, int maxAuthRetries,
                             Duration stateTimeout, boolean allowPlainWithoutTls, boolean tlsRequired,
                             Executor executor, ScheduledExecutorService scheduler, String nodeName,
                             dev.meerkat.metrics.C2sEvents events) {}
