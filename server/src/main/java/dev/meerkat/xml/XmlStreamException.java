package dev.meerkat.xml;

/** Input that ends the stream; {@link #kind()} says which stream error to send. */
public final class XmlStreamException extends Exception {
    public enum Kind {
        /** Not well-formed XML (RFC 6120 stream error not-well-formed). */
        NOT_WELL_FORMED,
        /** DTD, processing instruction, entity reference or comment (restricted-xml). */
        RESTRICTED_XML,
        /** A size, depth or attribute limit was passed (policy-violation). */
        POLICY_VIOLATION,
        /** Well-formed but not acceptable as XMPP, e.g. text at the top level (bad-format). */
        BAD_FORMAT,
        /** An encoding other than UTF-8 (unsupported-encoding). */
        UNSUPPORTED_ENCODING
    }

    private final Kind kind;

    public XmlStreamException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() { return kind; }
}
