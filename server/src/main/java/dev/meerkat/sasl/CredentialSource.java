package dev.meerkat.sasl;

import dev.meerkat.auth.ScramCredentials;
import dev.meerkat.auth.ScramHash;

import java.util.Optional;

/**
 * Where SASL mechanisms find accounts. User names arrive as the client sent them (after the
 * mechanism's own decoding); implementations normalise them. Methods block; a backend that fails
 * throws {@link AuthBackendException}, which becomes {@code temporary-auth-failure}.
 */
public interface CredentialSource {
    /** SCRAM credentials of the user for that hash, empty if unknown user (or no such credentials). */
    Optional<ScramCredentials> scram(String user, String domain, ScramHash hash);

    /** Checks a plain password (for PLAIN). */
    boolean checkPassword(String user, String domain, String password);
}
