package dev.meerkat.sasl;

/** The account backend could not answer (database down, LDAP timeout...). */
public final class AuthBackendException extends RuntimeException {
    public AuthBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
