package dev.meerkat.sasl;

/** The server's answer to one client message of a SASL exchange. */
public sealed interface SaslStep {
    /** Send {@code <challenge/>} with this data and wait for the next response. */
    record Challenge(byte[] data) implements SaslStep {}

    /**
     * Authentication succeeded: send {@code <success/>} with the additional data (may be null), the
     * stream is now authenticated as {@code user} (the normalised localpart).
     */
    record Success(byte[] additionalData, String user) implements SaslStep {}

    /** Send {@code <failure/>} with this condition; {@code text} may be null. */
    record Failure(SaslFailure failure, String text) implements SaslStep {}
}
