package dev.meerkat.config;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code [auth]}. */
final class AuthParser {
    static final List<String> METHODS = List.of("internal", "rdbms", "external", "ldap", "anonymous", "jwt", "http");
    private static final List<String> DEFAULT_METHODS = List.of("internal");
    static final List<String> SASL_MECHANISMS = List.of("scram_sha512_plus", "scram_sha512", "scram_sha256_plus",
            "scram_sha256", "scram_sha1_plus", "scram_sha1", "plain", "anonymous");

    private AuthParser() {
    }

    static AuthConfig parse(TomlOptions section) {
        List<String> methods = names(section, "methods", METHODS, DEFAULT_METHODS, "authentication method");
        if (methods.contains("internal") && methods.contains("rdbms")) {
            throw section.error("methods", "internal and rdbms are the same method; list one of them");
        }
        List<String> mechanisms = names(section, "sasl_mechanisms", SASL_MECHANISMS, SASL_MECHANISMS, "SASL mechanism");
        int maxRetries = section.integer("max_retries", 3, 1, 100);
        int iterations = section.table("password").integer("scram_iterations", 10_000, 4096, 1_000_000);
        TomlOptions throttle = section.table("throttle");
        int failures = throttle.integer("failures", 10, 1, 1_000_000);
        Duration period = Duration.ofSeconds(throttle.integer("period", 60, 1, 86_400));
        return new AuthConfig(methods, mechanisms, iterations, maxRetries, failures, period,
                section(section, methods, "external", AuthParser::external),
                section(section, methods, "ldap", AuthParser::ldap),
                section(section, methods, "anonymous", AuthParser::anonymous),
                section(section, methods, "jwt", AuthParser::jwt),
                section(section, methods, "http", AuthParser::http));
    }

    /** The method's section parsed when it is present or the method is listed; null otherwise. */
    private static <T> T section(TomlOptions auth, List<String> methods, String name,
                                 java.util.function.Function<TomlOptions, T> parser) {
        if (!methods.contains(name) && !auth.has(name)) return null;
        return parser.apply(auth.table(name));
    }

    private static AuthMethodsConfig.External external(TomlOptions t) {
        String program = t.string("program", "");
        if (program.isBlank()) throw t.error("program", "the external auth program is required");
        return new AuthMethodsConfig.External(program, t.integer("instances", 1, 1, 64),
                Duration.ofMillis(t.integer("timeout", 5000, 100, 600_000)));
    }

    private static AuthMethodsConfig.Ldap ldap(TomlOptions t) {
        List<String> servers = t.stringList("servers", List.of("localhost"));
        if (servers.isEmpty()) throw t.error("servers", "at least one server is required");
        String encrypt = t.oneOf("encrypt", Set.of("none", "tls"), "none");
        int port = t.integer("port", encrypt.equals("tls") ? 636 : 389, 1, 65535);
        boolean verify = t.table("tls").bool("verify_peer", true);
        String base = t.string("base", "");
        if (base.isBlank()) throw t.error("base", "the search base is required");
        List<String> uids = t.stringList("uids", List.of("uid"));
        if (uids.isEmpty()) throw t.error("uids", "at least one attribute is required");
        String filter = t.string("filter", "");
        if (!filter.isEmpty() && !(filter.startsWith("(") && filter.endsWith(")"))) {
            throw t.error("filter", "must be an LDAP filter in parentheses, got " + TomlOptions.quote(filter));
        }
        return new AuthMethodsConfig.Ldap(servers, port, encrypt, verify, t.string("rootdn", ""),
                t.string("password", ""), base, uids, filter, t.integer("pool_size", 4, 1, 100),
                Duration.ofMillis(t.integer("timeout", 5000, 100, 600_000)));
    }

    private static AuthMethodsConfig.Anonymous anonymous(TomlOptions t) {
        return new AuthMethodsConfig.Anonymous(t.bool("allow_multiple_connections", false),
                t.oneOf("protocol", Set.of("sasl_anon", "login_anon", "both"), "sasl_anon"));
    }

    private static AuthMethodsConfig.Jwt jwt(TomlOptions t) {
        TomlOptions secret = t.table("secret");
        String value = secret.string("value", null);
        String file = secret.string("file", null);
        if ((value == null) == (file == null)) throw t.error("secret", "give exactly one of secret.value and secret.file");
        byte[] key;
        if (value != null) {
            key = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            try {
                key = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(file));
            } catch (java.io.IOException e) {
                throw secret.error("file", "cannot read " + TomlOptions.quote(file) + ": " + e.getMessage());
            }
        }
        if (key.length == 0) throw t.error("secret", "the secret must not be empty");
        return new AuthMethodsConfig.Jwt(key, t.oneOf("algorithm", Set.of("HS256", "HS384", "HS512"), "HS256"),
                t.string("username_key", "sub"));
    }

    private static AuthMethodsConfig.Http http(TomlOptions t) {
        String url = t.string("url", "");
        if (url.isBlank()) throw t.error("url", "the URL of the auth service is required");
        java.net.URI uri;
        try {
            uri = new java.net.URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (java.net.URISyntaxException e) {
            throw t.error("url", "not a URL: " + TomlOptions.quote(url));
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw t.error("url", "must be an http:// or https:// URL without query, fragment or credentials (use basic_auth), got "
                    + TomlOptions.quote(url));
        }
        String basic = t.string("basic_auth", null);
        if (basic != null && basic.indexOf(':') < 0) throw t.error("basic_auth", "must be \"user:password\"");
        return new AuthMethodsConfig.Http(uri, basic, Duration.ofMillis(t.integer("timeout", 5000, 100, 600_000)),
                t.integer("pool_size", 10, 1, 1000), t.bool("scram", false));
    }

    /** A non-empty list drawn from {@code valid}, each at most once; defaults to all of {@code valid}. */
    private static List<String> names(TomlOptions section, String key, List<String> valid, List<String> defaults,
                                      String what) {
        List<String> names = section.stringList(key, defaults);
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
