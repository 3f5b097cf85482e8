package dev.meerkat.config;

import java.time.Duration;
import java.util.List;

/**
 * The per-method sections of {@code [auth]}: {@code [auth.external]}, {@code [auth.ldap]},
 * {@code [auth.anonymous]}, {@code [auth.jwt]}, {@code [auth.http]}. A method's record is null when the method is not
 * listed in {@code auth.methods} and has no section.
 */
public final class AuthMethodsConfig {
    private AuthMethodsConfig() {}

    /**
     * {@code [auth.external]}: the ejabberd/MongooseIM extauth protocol.
     *
     * @param program   the script to run (required), started without a shell
     * @param instances how many copies run; requests go to a free one (default 1)
     * @param timeout   how long to wait for one answer before treating it as "no" (default 5 s)
     */
    public record External(String program, int instances, Duration timeout) {}

    /**
     * {@code [auth.ldap]}: search for the user, then bind as the entry found.
     *
     * @param servers  host names, tried in order (default localhost)
     * @param port     default 389, or 636 with encrypt = "tls"
     * @param encrypt  "none" or "tls" (LDAPS)
     * @param tlsVerify verify the server certificate against the JVM trust store (default true)
     * @param rootDn   DN to bind as for searches (empty: anonymous)
     * @param password its password
     * @param base     search base (required)
     * @param uids     attributes holding the user name, any of which may match (default ["uid"])
     * @param filter   extra LDAP filter ANDed to the search (e.g. "(objectClass=inetOrgPerson)"), or empty
     * @param poolSize connections kept for searches (default 4)
     * @param timeout  per operation (default 5 s)
     */
    public record Ldap(List<String> servers, int port, String encrypt, boolean tlsVerify, String rootDn,
                       String password, String base, List<String> uids, String filter, int poolSize,
                       Duration timeout) {
        @Override
        public String toString() {
            return "Ldap[servers=" + servers + ", port=" + port + ", encrypt=" + encrypt + ", base=" + base + "]";
        }
    }

    /**
     * {@code [auth.anonymous]}.
     *
     * @param allowMultipleConnections whether one login_anon name may be used by several streams at once
     * @param protocol                 "sasl_anon" (SASL ANONYMOUS), "login_anon" (PLAIN with any
     *                                 password for names no other method knows) or "both"
     */
    public record Anonymous(boolean allowMultipleConnections, String protocol) {
        public boolean saslAnon() { return !protocol.equals("login_anon"); }

        public boolean loginAnon() { return !protocol.equals("sasl_anon"); }
    }

    /**
     * {@code [auth.jwt]}: the password is a JWT signed with a shared secret.
     *
     * @param secret      the HMAC key (UTF-8 bytes of {@code secret.value}, or the bytes of {@code secret.file})
     * @param algorithm   HS256, HS384 or HS512 (default HS256)
     * @param usernameKey the claim that names the user (default "sub")
     */
    public record Jwt(byte[] secret, String algorithm, String usernameKey) {
        @Override
        public String toString() { return "Jwt[" + algorithm + ", " + usernameKey + "]"; }
    }

    /**
     * {@code [auth.http]}: MongooseIM's HTTP auth service API.
     *
     * @param url       base URL of the service, http or https (required); requests go to
     *                  {@code url + "/check_password"} and so on
     * @param basicAuth {@code "user:password"} sent as HTTP Basic authentication, or null (default: none)
     * @param timeout   connect timeout and the longest wait for one answer (default 5 s)
     * @param poolSize  requests in flight at once; more wait for a free slot up to the timeout (default 10)
     * @param scram     offer SCRAM too, with credentials derived from the plain password that
     *                  {@code get_password} returns (default false: PLAIN only, via check_password)
     */
    public record Http(java.net.URI url, String basicAuth, Duration timeout, int poolSize, boolean scram) {
        @Override
        public String toString() {
            return "Http[" + url + ", basic_auth=" + (basicAuth == null ? "none" : "set") + ", timeout=" + timeout
                    + ", pool_size=" + poolSize + ", scram=" + scram + "]";
        }
    }
}
