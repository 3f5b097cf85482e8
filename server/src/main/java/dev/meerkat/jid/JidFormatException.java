package dev.meerkat.jid;

/** An address that RFC 7622 does not allow. Maps to the stanza error {@code jid-malformed}. */
public final class JidFormatException extends IllegalArgumentException {
    public JidFormatException(String message) {
        super(message);
    }
}
