package dev.meerkat.config;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code [auth]}. */
final class AuthParser {
    static final List<String> METHODS = List.of("internal");
    static final List<String> SASL_MECHANISMS = List.of("scram_sha512_plus", "scram_sha512", "scram_sha256_plus",
            "scram_sha256", "scram_sha1_plus", "scram_sha1", "plain");

    private AuthParser() {
    }

    static AuthConfig parse(TomlOptions section) {
        List<String> methods = names(section, "methods", METHODS, "authentication method");
        List<String> mechanisms = names(section, "sasl_mechanisms", SASL_MECHANISMS, "SASL mechanism");
        int maxRetries = section.integer("max_retries", 3, 1, 100);
        int iterations = section.table("password").integer("scram_iterations", 10_000, 4096, 1_000_000);
        TomlOptions throttle = section.table("throttle");
        int failures = throttle.integer("failures", 10, 1, 1_000_000);
        Duration period = Duration.ofSeconds(throttle.integer("period", 60, 1, 86_400));
        return new AuthConfig(methods, mechanisms, iterations, maxRetries, failures, period);
    }

    /** A non-empty list drawn from {@code valid}, each at most once; defaults to all of {@code valid}. */
    private static List<String> names(TomlOptions section, String key, List<String> valid, String what) {
        List<String> names = section.stringList(key, valid);
        if (names.isEmpty()) throw section.error(key, "at least one " + what + " is required");
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!valid.contains(name)) {
                throw section.elementError(key, i, "unknown " + what + " " + TomlOptions.quote(name)
                        + " (expected one of " + String.join(", ", valid) + ")");
            }
            if (!seen.add(name)) {
                throw section.elementError(key, i, TomlOptions.quote(name) + " is listed twice");
            }
        }
        return names;
    }
}
