package dev.meerkat.auth;

import dev.meerkat.jid.Jid;
import dev.meerkat.sasl.AuthBackendException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code internal} (alias {@code rdbms}) method: accounts in a {@link UserStore}, passwords kept
 * only as SCRAM credentials for every {@link ScramHash}.
 */
public final class InternalAuthMethod implements AuthMethod {
    // PLAIN checks against one hash; SHA-256 is SCRAM's mandatory-to-implement one (RFC 7677).
    private static final List<ScramHash> CHECK_ORDER = List.of(ScramHash.SHA256, ScramHash.SHA512, ScramHash.SHA1);
    private static final byte[] DUMMY_SALT = "meerkat-no-such-user".getBytes(StandardCharsets.US_ASCII);

    private final UserStore store;
    private final int scramIterations;
    private final SecureRandom random;

    public InternalAuthMethod(UserStore store, int scramIterations, SecureRandom random) {
        if (scramIterations < 1) throw new IllegalArgumentException("scram iterations must be positive");
        this.store = store;
        this.scramIterations = scramIterations;
        this.random = random;
    }

    @Override
    public String name() { return "internal"; }

    @Override
    public boolean hasScramCredentials() { return true; }

    @Override
    public Optional<StoredCredentials> credentials(Jid bare) {
        return call(() -> store.credentials(bare.local(), bare.domain()));
    }

    @Override
    public boolean checkPassword(Jid bare, String password) {
        Optional<ScramCredentials> stored = credentials(bare).flatMap(InternalAuthMethod::preferred);
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
    public boolean userExists(Jid bare) {
        return call(() -> store.exists(bare.local(), bare.domain()));
    }

    @Override
    public boolean canRegister() { return true; }

    @Override
    public boolean register(Jid bare, String password) {
        StoredCredentials credentials = Scram.derive(password, scramIterations, random);
        return call(() -> store.create(bare.local(), bare.domain(), credentials));
    }

    @Override
    public boolean setPassword(Jid bare, String password) {
        if (!userExists(bare)) return false;
        StoredCredentials credentials = Scram.derive(password, scramIterations, random);
        return call(() -> store.setCredentials(bare.local(), bare.domain(), credentials));
    }

    @Override
    public boolean removeUser(Jid bare) {
        return call(() -> store.remove(bare.local(), bare.domain()));
    }

    @Override
    public long countUsers(String domain) {
        return call(() -> store.count(domain));
    }

    @Override
    public List<String> listUsers(String domain, int offset, int limit) {
        return call(() -> store.list(domain, offset, limit));
    }

    private static Optional<ScramCredentials> preferred(StoredCredentials credentials) {
        return CHECK_ORDER.stream().flatMap(h -> credentials.forHash(h).stream()).findFirst();
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
