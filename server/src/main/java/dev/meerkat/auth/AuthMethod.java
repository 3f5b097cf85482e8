package dev.meerkat.auth;

import dev.meerkat.jid.Jid;

import java.util.List;
import java.util.Optional;

/**
 * One authentication method of {@code auth.methods} (internal, external, ldap, anonymous, jwt).
 * {@link AuthService} asks the methods in the configured order. JIDs given are bare account JIDs,
 * already normalised. Every method may block; a backend that cannot answer throws
 * {@link dev.meerkat.sasl.AuthBackendException} (it becomes temporary-auth-failure), never "false".
 */
public interface AuthMethod {
    /** The config name. */
    String name();

    /**
     * Whether this method keeps SCRAM credentials. Methods that can only check a plain password
     * (LDAP, external, JWT) need PLAIN; the server offers SCRAM only when some method has them.
     */
    default boolean hasScramCredentials() { return false; }

    /** The SCRAM credentials of the account, if this method keeps them and knows it. */
    default Optional<StoredCredentials> credentials(Jid bare) { return Optional.empty(); }

    boolean checkPassword(Jid bare, String password);

    boolean userExists(Jid bare);

    /** Whether {@link #register} can create accounts. */
    default boolean canRegister() { return false; }

    /** Creates the account; false if it exists. Only called when {@link #canRegister()}. */
    default boolean register(Jid bare, String password) {
        throw new UnsupportedOperationException(name() + " cannot create accounts");
    }

    /** Replaces the password; false when this method cannot or has no such account. */
    default boolean setPassword(Jid bare, String password) { return false; }

    /** Removes the account; false when this method cannot or has no such account. */
    default boolean removeUser(Jid bare) { return false; }

    /** Accounts of the domain this method can count (0 when it cannot list them). */
    default long countUsers(String domain) { return 0; }

    /** User names of the domain in alphabetical order, paged (empty when it cannot list them). */
    default List<String> listUsers(String domain, int offset, int limit) { return List.of(); }
}
