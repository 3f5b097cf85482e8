package dev.meerkat.auth;

import dev.meerkat.auth.anonymous.AnonymousAuthMethod;
import dev.meerkat.jid.Jid;
import dev.meerkat.jid.JidFormatException;
import dev.meerkat.sasl.AuthBackendException;
import dev.meerkat.sasl.CredentialSource;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Accounts: registration, password changes and checks, asked of the configured
 * {@link AuthMethod}s in order (like MongooseIM's {@code auth.methods}):
 * <ul>
 *   <li>a password is right if any method accepts it;</li>
 *   <li>SCRAM uses the first method that keeps SCRAM credentials for the user;</li>
 *   <li>an account exists if any method knows it;</li>
 *   <li>registration goes to the first method that can create accounts, password changes and
 *       removal to every method that can.</li>
 * </ul>
 * When no method says yes and one of them failed, the failure is thrown
 * ({@link AuthBackendException}, which makes a login temporary-auth-failure rather than
 * not-authorized): an unreachable backend must not look like a wrong password.
 *
 * <p>Every method blocks (store I/O, HMAC rounds, LDAP, scripts): never call them on a Netty event loop.
 */
public final class AuthService implements CredentialSource {
    private final List<AuthMethod> methods;
    private final int scramIterations;

    /** Only the internal method on {@code store}. */
    public AuthService(UserStore store, int scramIterations, SecureRandom random) {
        this(List.of(new InternalAuthMethod(store, scramIterations, random)), scramIterations);
    }

    /**
     * @param methods         in the order of {@code auth.methods}; at least one
     * @param scramIterations what SCRAM shows to unknown users (the internal method's count)
     */
    public AuthService(List<AuthMethod> methods, int scramIterations) {
        if (methods.isEmpty()) throw new IllegalArgumentException("at least one auth method is required");
        if (scramIterations < 1) throw new IllegalArgumentException("scram iterations must be positive");
        this.methods = List.copyOf(methods);
        this.scramIterations = scramIterations;
    }

    /** The iteration count new credentials get; SCRAM uses it for unknown users too. */
    public int scramIterations() { return scramIterations; }

    public List<AuthMethod> methods() { return methods; }

    /** Whether some method keeps SCRAM credentials, so SCRAM mechanisms can succeed. */
    public boolean offersScram() { return methods.stream().anyMatch(AuthMethod::hasScramCredentials); }

    /** Whether some method checks passwords (anything but anonymous), so PLAIN can succeed. */
    public boolean checksPasswords() {
        return methods.stream().anyMatch(m -> !(m instanceof AnonymousAuthMethod a) || a.loginAnon());
    }

    /** The anonymous method, if configured. */
    public Optional<AnonymousAuthMethod> anonymous() {
        return methods.stream().filter(AnonymousAuthMethod.class::isInstance).map(AnonymousAuthMethod.class::cast).findFirst();
    }

    /**
     * Creates an account with the first method that can; false if it exists.
     *
     * @throws IllegalArgumentException if {@code bare} has no localpart or has a resource, the
     *                                  password is empty or invalid after OpaqueString preparation,
     *                                  or no configured method can create accounts
     */
    public boolean register(Jid bare, String password) {
        requireAccount(bare);
        Scram.normalize(password);
        AuthMethod method = methods.stream().filter(AuthMethod::canRegister).findFirst().orElseThrow(
                () -> new IllegalArgumentException("the configured auth methods cannot create accounts"));
        if (methods.stream().filter(m -> m != method).anyMatch(m -> quietlyExists(m, bare))) return false;
        return call(() -> method.register(bare, password));
    }

    /** Replaces the password where the account lives; false if no method could. Same exceptions as {@link #register}. */
    public boolean setPassword(Jid bare, String password) {
        requireAccount(bare);
        Scram.normalize(password);
        boolean changed = false;
        for (AuthMethod m : methods) changed |= call(() -> m.setPassword(bare, password));
        return changed;
    }

    public boolean removeUser(Jid bare) {
        if (!AccountNames.isAccount(bare)) return false;
        boolean removed = false;
        for (AuthMethod m : methods) removed |= call(() -> m.removeUser(bare));
        return removed;
    }

    public boolean userExists(Jid bare) {
        return AccountNames.isAccount(bare) && any(m -> m.userExists(bare));
    }

    public long countUsers(String domain) {
        return normalDomain(domain).map(d -> methods.stream().mapToLong(m -> call(() -> m.countUsers(d))).sum()).orElse(0L);
    }

    /** User names (localparts) of a domain in alphabetical order, from the methods that can list them. */
    public List<String> listUsers(String domain, int offset, int limit) {
        if (offset < 0 || limit < 0) throw new IllegalArgumentException("offset and limit must not be negative");
        Optional<String> d = normalDomain(domain);
        if (d.isEmpty()) return List.of();
        List<AuthMethod> listing = methods.stream().filter(m -> m.hasScramCredentials()).toList();
        if (listing.size() == 1) return call(() -> listing.getFirst().listUsers(d.get(), offset, limit));
        // Several listing methods: merge whole lists (rare; only the internal method lists today).
        List<String> all = new ArrayList<>();
        for (AuthMethod m : listing) all.addAll(call(() -> m.listUsers(d.get(), 0, Integer.MAX_VALUE)));
        return all.stream().distinct().sorted().skip(offset).limit(limit).toList();
    }

    /** True if the password matches; false for a wrong one, an unknown account or an invalid password. */
    public boolean checkPassword(Jid bare, String password) {
        if (!AccountNames.isAccount(bare) || password == null) return false;
        try {
            Scram.normalize(password);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return any(m -> {
            if (m instanceof AnonymousAuthMethod a) {
                // login_anon: any password, for a name no other method knows
                return a.loginAnon() && !methods.stream().filter(o -> o != m).anyMatch(o -> o.userExists(bare))
                        && a.claim(bare);
            }
            return m.checkPassword(bare, password);
        });
    }

    @Override
    public Optional<ScramCredentials> scram(String user, String domain, ScramHash hash) {
        Optional<Jid> jid = AccountNames.account(user, domain);
        if (jid.isEmpty()) return Optional.empty();
        for (AuthMethod m : methods) {
            if (!m.hasScramCredentials()) continue;
            Optional<ScramCredentials> c = call(() -> m.credentials(jid.get())).flatMap(s -> s.forHash(hash));
            if (c.isPresent()) return c;
        }
        return Optional.empty();
    }

    @Override
    public boolean checkPassword(String user, String domain, String password) {
        return AccountNames.account(user, domain).map(jid -> checkPassword(jid, password)).orElse(false);
    }

    /** True if a method says yes; otherwise the first backend failure is thrown, else false. */
    private boolean any(Predicate<AuthMethod> test) {
        AuthBackendException failure = null;
        for (AuthMethod m : methods) {
            try {
                if (call(() -> test.test(m))) return true;
            } catch (AuthBackendException e) {
                if (failure == null) failure = e;
            }
        }
        if (failure != null) throw failure;
        return false;
    }

    private static boolean quietlyExists(AuthMethod m, Jid bare) {
        return call(() -> m.userExists(bare));
    }

    private static void requireAccount(Jid bare) {
        if (!AccountNames.isAccount(bare)) throw new IllegalArgumentException("not an account JID: " + bare);
    }

    private static Optional<String> normalDomain(String domain) {
        if (domain == null) return Optional.empty();
        try {
            Jid jid = Jid.domain(domain);
            return jid.isDomainOnly() ? Optional.of(jid.domain()) : Optional.empty();
        } catch (JidFormatException e) {
            return Optional.empty();
        }
    }

    private static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (AuthBackendException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AuthBackendException("auth method failed: " + e.getMessage(), e);
        }
    }
}
