package dev.meerkat.auth;

import java.util.List;
import java.util.Optional;

/**
 * Accounts and their SCRAM credentials. User names are given already normalised (the localpart of
 * a JID). All methods block (they do I/O): never call them on a Netty event loop.
 */
public interface UserStore {
    /** Creates the account; false if it exists already. */
    boolean create(String user, String domain, StoredCredentials credentials);

    Optional<StoredCredentials> credentials(String user, String domain);

    /** Replaces the credentials; false if there is no such account. */
    boolean setCredentials(String user, String domain, StoredCredentials credentials);

    /** Removes the account; false if there was none. */
    boolean remove(String user, String domain);

    boolean exists(String user, String domain);

    long count(String domain);

    /** User names of a domain in alphabetical order, paged. */
    List<String> list(String domain, int offset, int limit);
}
