package dev.meerkat.config;

/**
 * {@code [admin_api]}: the HTTP listener of the administration API that {@code meerkatctl} talks to.
 *
 * @param enabled   {@code enabled}, default true
 * @param ipAddress {@code ip_address}, default {@code "127.0.0.1"}
 * @param port      {@code port}, default 5551 (0 picks a free port, for tests)
 * @param username  {@code username} for HTTP basic authentication, or null for none
 * @param password  {@code password}, set together with {@code username}
 */
public record AdminApiConfig(boolean enabled, String ipAddress, int port, String username, String password) {
    public static final AdminApiConfig DEFAULT = new AdminApiConfig(true, "127.0.0.1", 5551, null, null);

    public boolean requiresAuth() { return username != null; }

    @Override
    public String toString() {
        // never print the password
        return "AdminApiConfig[" + ipAddress + ":" + port + (username == null ? "" : ", user " + username) + "]";
    }
}
