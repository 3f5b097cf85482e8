package dev.meerkat.auth.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import dev.meerkat.auth.AuthMethod;
import dev.meerkat.config.AuthMethodsConfig;
import dev.meerkat.jid.Jid;
import dev.meerkat.sasl.AuthBackendException;

import javax.net.SocketFactory;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ldap} method: finds the user's entry with a search (as {@code rootdn}, or anonymously)
 * for {@code (&(|(uid1=user)(uid2=user)...)filter)} under {@code base}, then checks the password by
 * binding as that entry on a separate connection. Only plain passwords can be checked this way, so
 * a host using only LDAP offers PLAIN (over TLS) and no SCRAM.
 *
 * <p>The search connections are pooled; a connection that broke (server restart) is replaced by the
 * pool on the next use. A server that cannot be reached is a backend failure (temporary-auth-failure),
 * an unknown user or a wrong password is "no".
 */
public final class LdapAuthMethod implements AuthMethod, AutoCloseable {
    private final AuthMethodsConfig.Ldap config;
    private final ServerSet servers;
    private final LDAPConnectionPool pool;

    /** Opens the search pool; fails if no server can be reached now (start-up error). */
    public LdapAuthMethod(AuthMethodsConfig.Ldap config) throws LDAPException {
        this.config = config;
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) config.timeout().toMillis());
        options.setResponseTimeoutMillis(config.timeout().toMillis());
        this.servers = serverSet(config, options);
        BindRequest bind = config.rootDn().isEmpty() ? null : new SimpleBindRequest(config.rootDn(), config.password());
        this.pool = new LDAPConnectionPool(servers, bind, 0, config.poolSize());
        // A broken connection is dropped and the operation retried on a new one.
        pool.setRetryFailedOperationsDueToInvalidConnections(true);
    }

    private static ServerSet serverSet(AuthMethodsConfig.Ldap config, LDAPConnectionOptions options) {
        SocketFactory sockets = SocketFactory.getDefault();
        if (config.encrypt().equals("tls")) {
            try {
                SSLUtil ssl = new SSLUtil(config.tlsVerify()
                        ? new TrustStoreTrustManager(System.getProperty("java.home") + "/lib/security/cacerts")
                        : new TrustAllTrustManager());
                sockets = ssl.createSSLSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS for LDAP: " + e.getMessage(), e);
            }
        }
        String[] hosts = config.servers().toArray(String[]::new);
        int[] ports = new int[hosts.length];
        java.util.Arrays.fill(ports, config.port());
        return new FailoverServerSet(hosts, ports, sockets, options);
    }

    @Override
    public String name() { return "ldap"; }

    @Override
    public boolean checkPassword(Jid bare, String password) {
        if (password.isEmpty()) return false; // an empty password is an unauthenticated bind, which "succeeds"
        Optional<String> dn = findDn(bare);
        if (dn.isEmpty()) return false;
        try (LDAPConnection c = servers.getConnection()) {
            c.bind(new SimpleBindRequest(dn.get(), password));
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) return false;
            throw failure("bind", e);
        }
    }

    @Override
    public boolean userExists(Jid bare) {
        return findDn(bare).isPresent();
    }

    private Optional<String> findDn(Jid bare) {
        List<Filter> byName = new ArrayList<>();
        for (String attribute : config.uids()) byName.add(Filter.createEqualityFilter(attribute, bare.local()));
        Filter filter = Filter.createORFilter(byName);
        try {
            if (!config.filter().isEmpty()) filter = Filter.createANDFilter(filter, Filter.create(config.filter()));
            SearchRequest search = new SearchRequest(config.base(), SearchScope.SUB, filter, "1.1");
            search.setSizeLimit(2);
            SearchResult result = pool.search(search);
            List<SearchResultEntry> entries = result.getSearchEntries();
            // Two entries for one name is a directory problem; refusing is safer than picking one.
            return entries.size() == 1 ? Optional.of(entries.getFirst().getDN()) : Optional.empty();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) return Optional.empty();
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) return Optional.empty();
            throw failure("search", e);
        }
    }

    private static AuthBackendException failure(String operation, LDAPException e) {
        return new AuthBackendException("ldap " + operation + " failed: " + e.getResultCode() + " "
                + e.getDiagnosticMessage(), e);
    }

    @Override
    public void close() {
        pool.close();
    }
}
