package dev.meerkat.server;

import com.unboundid.ldap.sdk.LDAPException;
import dev.meerkat.auth.AuthMethod;
import dev.meerkat.auth.AuthService;
import dev.meerkat.auth.InternalAuthMethod;
import dev.meerkat.auth.anonymous.AnonymousAuthMethod;
import dev.meerkat.auth.external.ExternalAuthMethod;
import dev.meerkat.auth.http.HttpAuthMethod;
import dev.meerkat.auth.jdbc.JdbcUserStore;
import dev.meerkat.auth.jwt.JwtAuthMethod;
import dev.meerkat.auth.ldap.LdapAuthMethod;
import dev.meerkat.config.AuthConfig;
import dev.meerkat.config.AuthMethodsConfig;
import dev.meerkat.config.ConfigException;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.module.HostContext;
import dev.meerkat.module.Hosts;
import dev.meerkat.sasl.AnonymousMechanism;
import dev.meerkat.sasl.SaslMechanism;
import dev.meerkat.sasl.SaslMechanisms;
import dev.meerkat.session.SessionManager;
import dev.meerkat.storage.Database;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the auth methods of {@code auth.methods} and the SASL mechanisms they can serve: SCRAM only
 * when a method keeps SCRAM credentials (LDAP, external and JWT can only check plain passwords),
 * PLAIN when a method checks passwords, ANONYMOUS when the anonymous method allows sasl_anon.
 */
final class AuthSetup implements AutoCloseable {
    private final AuthService auth;
    private final List<AutoCloseable> resources;

    private AuthSetup(AuthService auth, List<AutoCloseable> resources) {
        this.auth = auth;
        this.resources = resources;
    }

    static AuthSetup create(AuthConfig config, Database database, SecureRandom random, Clock clock) {
        List<AuthMethod> methods = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            for (String name : config.methods()) {
                AuthMethod m = switch (name) {
                    case "internal", "rdbms" -> new InternalAuthMethod(new JdbcUserStore(database),
                            config.scramIterations(), random);
                    case "external" -> new ExternalAuthMethod(config.external());
                    case "ldap" -> ldap(config.ldap());
                    case "anonymous" -> new AnonymousAuthMethod(config.anonymous(), random);
                    case "jwt" -> new JwtAuthMethod(config.jwt(), clock);
                    case "http" -> new HttpAuthMethod(config.http(), config.scramIterations(), random);
                    default -> throw new ConfigException("auth.methods: unknown method " + name);
                };
                methods.add(m);
                if (m instanceof AutoCloseable c) resources.add(c);
            }
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
        return new AuthSetup(new AuthService(methods, config.scramIterations()), resources);
    }

    private static LdapAuthMethod ldap(AuthMethodsConfig.Ldap config) {
        try {
            return new LdapAuthMethod(config);
        } catch (LDAPException e) {
            throw new ConfigException("auth.ldap: cannot set up the LDAP pool: " + e.getMessage());
        }
    }

    AuthService auth() { return auth; }

    /** The configured mechanism names that the methods can serve, in the configured order. */
    List<String> usableMechanisms(List<String> configured) {
        boolean anonymousSasl = auth.anonymous().map(AnonymousAuthMethod::saslAnon).orElse(false);
        return configured.stream().filter(n -> switch (n) {
            case "plain" -> auth.checksPasswords();
            case "anonymous" -> anonymousSasl;
            default -> auth.offersScram();
        }).toList();
    }

    /** The SASL mechanisms for {@link #usableMechanisms}. */
    List<SaslMechanism> mechanisms(List<String> configured, SecureRandom random, byte[] fakeSaltSecret) {
        List<SaslMechanism> result = new ArrayList<>();
        for (String name : usableMechanisms(configured)) {
            if (name.equals("anonymous")) {
                result.add(new AnonymousMechanism(auth.anonymous().orElseThrow()));
            } else {
                result.addAll(SaslMechanisms.fromConfigNames(List.of(name), random, fakeSaltSecret, auth.scramIterations()));
            }
        }
        return List.copyOf(result);
    }

    /**
     * Temporary accounts end with their last session: release the name and run USER_REMOVED so that
     * modules delete what the account left behind.
     */
    void removeAnonymousAccountsOnLogout(Hosts hosts, SessionManager sessions) {
        auth.anonymous().ifPresent(anon -> {
            for (HostContext host : hosts.all()) {
                host.hooks().register(CoreHooks.SESSION_CLOSED, dev.meerkat.hooks.Priority.LATE, "auth_anonymous", e -> {
                    var bare = e.session().jid().bare();
                    if (anon.sessionClosed(bare, sessions.directory().resources(bare).size())) {
                        host.hooks().run(CoreHooks.USER_REMOVED, new CoreHooks.UserRemoved(bare));
                    }
                    return HookResult.proceed();
                });
            }
        });
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable c : resources) {
            try {
                c.close();
            } catch (Exception ignored) {
                // shutting down: nothing left to do about it
            }
        }
    }
}
