package dev.meerkat.stanza;

/** Thrown by handlers to answer the current stanza with a stanza error. */
public final class StanzaException extends RuntimeException {
    private final StanzaError error;

    public StanzaException(StanzaError error) {
        this(error, null);
    }

    public StanzaException(StanzaError error, String text) {
        super(text == null ? error.condition() : error.condition() + ": " + text, null, false, false);
        this.error = error;
    }

    public StanzaError error() { return error; }

    /** Human-readable text for the error element, or null. */
    public String text() {
        String m = getMessage();
        int i = m.indexOf(": ");
        return i < 0 ? null : m.substring(i + 2);
    }
}
