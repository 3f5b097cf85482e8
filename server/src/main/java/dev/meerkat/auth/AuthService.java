package dev.meerkat.auth;

import dev.meerkat.jid.Jid;
import dev.meerkat.jid.JidFormatException;
import dev.meerkat.sasl.AuthBackendException;
import dev.meerkat.sasl.CredentialSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Accounts: registration, password changes and checks, on top of a {@link UserStore}. Passwords are
 * kept only as SCRAM credentials for every {@link ScramHash}.
 *
 * <p>Every method blocks (store I/O and thousands of HMAC rounds): never call them on a Netty event
 * loop. A failing store surfaces as {@link AuthBackendException}.
 */
public final class AuthService implements CredentialSource {
    // PLAIN checks against one hash; SHA-256 is SCRAM's mandatory-to-implement one (RFC 7677).
    private static final List<ScramHash> CHECK_ORDER = List.of(ScramHash.SHA256, ScramHash.SHA512, ScramHash.SHA1);
    private static final byte[] DUMMY_SALT = "meerkat-no-such-user".getBytes(StandardCharsets.US_ASCII);

    private final UserStore store;
    private final int scramIterations;
    private final SecureRandom random;

    public AuthService(UserStore store, int scramIterations, SecureRandom random) {
        if (scramIterations < 1) throw new IllegalArgumentException("scram iterations must be positive");
        this.store = store;
        this.scramIterations = scramIterations;
        this.random = random;
    }

    /** The iteration count new credentials get; SCRAM uses it for unknown users too. */
    public int scramIterations() { return scramIterations; }

    /**
     * Creates an account; false if it exists.
     *
     * @throws IllegalArgumentException if {@code bare} has no localpart or has a resource, or the
     *                                  password is empty or invalid after OpaqueString preparation
     */
    public boolean register(Jid bare, String password) {
        requireAccount(bare);
        StoredCredentials credentials = Scram.derive(password, scramIterations, random);
        return call(() -> store.create(bare.local(), bare.domain(), credentials));
    }

    /** Replaces the password; false if there is no such account. Same exceptions as {@link #register}. */
    public boolean setPassword(Jid bare, String password) {
        requireAccount(bare);
        if (!userExists(bare)) return false;
        StoredCredentials credentials = Scram.derive(password, scramIterations, random);
        return call(() -> store.setCredentials(bare.local(), bare.domain(), credentials));
    }

    public boolean removeUser(Jid bare) {
        return AccountNames.isAccount(bare) && call(() -> store.remove(bare.local(), bare.domain()));
    }

    public boolean userExists(Jid bare) {
        return AccountNames.isAccount(bare) && call(() -> store.exists(bare.local(), bare.domain()));
    }

    public long countUsers(String domain) {
        return normalDomain(domain).map(d -> call(() -> store.count(d))).orElse(0L);
    }

    /** User names (localparts) of a domain in alphabetical order. */
    public List<String> listUsers(String domain, int offset, int limit) {
        if (offset < 0 || limit < 0) throw new IllegalArgumentException("offset and limit must not be negative");
        return normalDomain(domain).map(d -> call(() -> store.list(d, offset, limit))).orElse(List.of());
    }

    /** True if the password matches; false for a wrong one, an unknown account or an invalid password. */
    public boolean checkPassword(Jid bare, String password) {
        if (!AccountNames.isAccount(bare) || password == null) return false;
        try {
            Scram.normalize(password);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Optional<ScramCredentials> stored = call(() -> store.credentials(bare.local(), bare.domain()))
                .flatMap(AuthService::preferred);
        if (stored.isEmpty()) {
            // Spend the same work as for a real account, so that timing does not tell which exist.
            Scram.derive(password, ScramHash.SHA256, DUMMY_SALT, scramIterations);
            return false;
        }
        ScramCredentials c = stored.get();
        ScramCredentials candidate = Scram.derive(password, c.hash(), c.salt(), c.iterations());
        return Scram.constantTimeEquals(candidate.storedKey(), c.storedKey());
    }

    @Override
    public Optional<ScramCredentials> scram(String user, String domain, ScramHash hash) {
        return AccountNames.account(user, domain)
                .flatMap(jid -> call(() -> store.credentials(jid.local(), jid.domain())))
                .flatMap(c -> c.forHash(hash));
    }

    @Override
    public boolean checkPassword(String user, String domain, String password) {
        return AccountNames.account(user, domain).map(jid -> checkPassword(jid, password)).orElse(false);
    }

    private static Optional<ScramCredentials> preferred(StoredCredentials credentials) {
        return CHECK_ORDER.stream().flatMap(h -> credentials.forHash(h).stream()).findFirst();
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

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (AuthBackendException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AuthBackendException("user store failed: " + e.getMessage(), e);
        }
    }
}
