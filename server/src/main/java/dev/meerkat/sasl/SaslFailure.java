package dev.meerkat.sasl;

/** SASL failure conditions of RFC 6120 §6.5. */
public enum SaslFailure {
    ABORTED("aborted"),
    ACCOUNT_DISABLED("account-disabled"),
    CREDENTIALS_EXPIRED("credentials-expired"),
    ENCRYPTION_REQUIRED("encryption-required"),
    INCORRECT_ENCODING("incorrect-encoding"),
    INVALID_AUTHZID("invalid-authzid"),
    INVALID_MECHANISM("invalid-mechanism"),
    MALFORMED_REQUEST("malformed-request"),
    MECHANISM_TOO_WEAK("mechanism-too-weak"),
    NOT_AUTHORIZED("not-authorized"),
    TEMPORARY_AUTH_FAILURE("temporary-auth-failure");

    private final String condition;

    SaslFailure(String condition) {
        this.condition = condition;
    }

    public String condition() { return condition; }
}
