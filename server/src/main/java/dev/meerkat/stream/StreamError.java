package dev.meerkat.stream;

import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

/** Stream error conditions of RFC 6120 §4.9.3. */
public enum StreamError {
    BAD_FORMAT("bad-format"),
    BAD_NAMESPACE_PREFIX("bad-namespace-prefix"),
    CONFLICT("conflict"),
    CONNECTION_TIMEOUT("connection-timeout"),
    HOST_GONE("host-gone"),
    HOST_UNKNOWN("host-unknown"),
    IMPROPER_ADDRESSING("improper-addressing"),
    INTERNAL_SERVER_ERROR("internal-server-error"),
    INVALID_FROM("invalid-from"),
    INVALID_NAMESPACE("invalid-namespace"),
    INVALID_XML("invalid-xml"),
    NOT_AUTHORIZED("not-authorized"),
    NOT_WELL_FORMED("not-well-formed"),
    POLICY_VIOLATION("policy-violation"),
    REMOTE_CONNECTION_FAILED("remote-connection-failed"),
    RESET("reset"),
    RESOURCE_CONSTRAINT("resource-constraint"),
    RESTRICTED_XML("restricted-xml"),
    SEE_OTHER_HOST("see-other-host"),
    SYSTEM_SHUTDOWN("system-shutdown"),
    UNDEFINED_CONDITION("undefined-condition"),
    UNSUPPORTED_ENCODING("unsupported-encoding"),
    UNSUPPORTED_FEATURE("unsupported-feature"),
    UNSUPPORTED_STANZA_TYPE("unsupported-stanza-type"),
    UNSUPPORTED_VERSION("unsupported-version");

    private final String condition;

    StreamError(String condition) {
        this.condition = condition;
    }

    public String condition() { return condition; }

    /** {@code <stream:error>} as an element in the streams namespace. */
    public Element toElement(String text) {
        Element.Builder b = Element.builder("error", Ns.STREAMS).child(Element.of(condition, Ns.STREAM_ERRORS));
        if (text != null) b.child(Element.builder("text", Ns.STREAM_ERRORS).attr("xml:lang", "en").text(text).build());
        return b.build();
    }
}
