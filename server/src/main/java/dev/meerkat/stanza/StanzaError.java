package dev.meerkat.stanza;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.Locale;

/** The defined stanza error conditions of RFC 6120 §8.3.3, each with its usual error type. */
public enum StanzaError {
    BAD_REQUEST("bad-request", "modify"),
    CONFLICT("conflict", "cancel"),
    FEATURE_NOT_IMPLEMENTED("feature-not-implemented", "cancel"),
    FORBIDDEN("forbidden", "auth"),
    GONE("gone", "cancel"),
    INTERNAL_SERVER_ERROR("internal-server-error", "cancel"),
    ITEM_NOT_FOUND("item-not-found", "cancel"),
    JID_MALFORMED("jid-malformed", "modify"),
    NOT_ACCEPTABLE("not-acceptable", "modify"),
    NOT_ALLOWED("not-allowed", "cancel"),
    NOT_AUTHORIZED("not-authorized", "auth"),
    POLICY_VIOLATION("policy-violation", "modify"),
    RECIPIENT_UNAVAILABLE("recipient-unavailable", "wait"),
    REDIRECT("redirect", "modify"),
    REGISTRATION_REQUIRED("registration-required", "auth"),
    REMOTE_SERVER_NOT_FOUND("remote-server-not-found", "cancel"),
    REMOTE_SERVER_TIMEOUT("remote-server-timeout", "wait"),
    RESOURCE_CONSTRAINT("resource-constraint", "wait"),
    SERVICE_UNAVAILABLE("service-unavailable", "cancel"),
    SUBSCRIPTION_REQUIRED("subscription-required", "auth"),
    UNDEFINED_CONDITION("undefined-condition", "cancel"),
    UNEXPECTED_REQUEST("unexpected-request", "wait");

    private final String condition;
    private final String defaultType;

    StanzaError(String condition, String defaultType) {
        this.condition = condition;
        this.defaultType = defaultType;
    }

    public String condition() { return condition; }

    public String defaultType() { return defaultType; }

    public Element toElement(String text) {
        return toElement(defaultType, text, null);
    }

    /** The {@code <error/>} child; {@code by} may be null. */
    public Element toElement(String type, String text, Jid by) {
        Element.Builder b = Element.builder("error", Ns.CLIENT).attr("type", type);
        if (by != null) b.attr("by", by.toString());
        b.child(Element.of(condition, Ns.STANZA_ERRORS));
        if (text != null) {
            b.child(Element.builder("text", Ns.STANZA_ERRORS).attr("xml:lang", "en").text(text).build());
        }
        return b.build();
    }

    /**
     * The error reply to a stanza (RFC 6120 §8.2): addresses swapped, type "error", the original
     * payload kept so the sender can correlate, and the error element appended.
     */
    @SuppressWarnings("unchecked")
    public <S extends Stanza> S replyTo(S original, String text) {
        Element in = original.element();
        Element.Builder b = Element.builder(in.name(), in.namespace());
        in.attributes().forEach((k, v) -> {
            if (!k.equals("from") && !k.equals("to") && !k.equals("type")) b.attr(k, v);
        });
        b.attr("type", "error");
        if (original.to() != null) b.attr("from", original.to().toString());
        if (original.from() != null) b.attr("to", original.from().toString());
        for (Element child : in.elements()) {
            if (!child.is("error", in.namespace())) b.child(child);
        }
        b.child(toElement(text));
        return (S) Stanza.of(b.build());
    }

    public <S extends Stanza> S replyTo(S original) { return replyTo(original, null); }

    public static StanzaError fromCondition(String condition) {
        for (StanzaError e : values()) if (e.condition.equals(condition)) return e;
        return UNDEFINED_CONDITION;
    }

    @Override
    public String toString() { return condition.toUpperCase(Locale.ROOT); }
}
