package dev.meerkat.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code [auth]}.
 *
 * @param methods          {@code methods}, tried in order; default {@code ["internal"]}: internal
 *                         ({@code rdbms} is a synonym), external, ldap, anonymous, jwt, http
 * @param saslMechanisms   {@code sasl_mechanisms}, in order of preference, names as in MongooseIM:
 *                         scram_sha512_plus, scram_sha512, scram_sha256_plus, scram_sha256,
 *                         scram_sha1_plus, scram_sha1, plain; default all of them in that order
 * @param scramIterations  {@code password.scram_iterations}, default 10000 (4096..1000000)
 * @param maxRetries       {@code max_retries}: failed SASL attempts allowed on one stream before it is
 *                         closed, default 3
 * @param external ... http the method sections, null when absent and the method not listed
 * @param throttleFailures {@code throttle.failures}: failed logins from one IP within
 *                         {@code throttle.period} (seconds) before further attempts are delayed; default 10 in 60 s
 */
public record AuthConfig(List<String> methods, List<String> saslMechanisms, int scramIterations, int maxRetries,
                         int throttleFailures, Duration throttlePeriod, AuthMethodsConfig.External external,
                         AuthMethodsConfig.Ldap ldap, AuthMethodsConfig.Anonymous anonymous,
                         AuthMethodsConfig.Jwt jwt, AuthMethodsConfig.Http http) {
    /** Without any per-method section. */
    public AuthConfig(List<String> methods, List<String> saslMechanisms, int scramIterations, int maxRetries,
                      int throttleFailures, Duration throttlePeriod) {
        this(methods, saslMechanisms, scramIterations, maxRetries, throttleFailures, throttlePeriod,
                null, null, null, null, null);
    }
}
