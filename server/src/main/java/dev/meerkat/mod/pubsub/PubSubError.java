package dev.meerkat.mod.pubsub;

import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.util.List;

/**
 * A failed pubsub request: the stanza error plus the XEP-0060 application condition
 * ({@code pubsub#errors}), e.g. conflict + precondition-not-met.
 */
public final class PubSubError extends RuntimeException {
    private final StanzaError error;
    private final String condition;
    private final String feature;

    private PubSubError(StanzaError error, String condition, String feature, String text) {
        super(error.condition() + (condition == null ? "" : "/" + condition) + (text == null ? "" : ": " + text), null, false, false);
        this.error = error;
        this.condition = condition;
        this.feature = feature;
    }

    public static PubSubError of(StanzaError error) { return new PubSubError(error, null, null, null); }

    public static PubSubError of(StanzaError error, String condition) { return new PubSubError(error, condition, null, null); }

    public static PubSubError text(StanzaError error, String condition, String text) {
        return new PubSubError(error, condition, null, text);
    }

    /** feature-not-implemented + unsupported naming the pubsub feature (XEP-0060 §7.1.3.1 and others). */
    public static PubSubError unsupported(String feature) {
        return new PubSubError(StanzaError.FEATURE_NOT_IMPLEMENTED, "unsupported", PubSubNs.feature(feature), null);
    }

    public static PubSubError nodeNotFound() { return of(StanzaError.ITEM_NOT_FOUND); }

    public static PubSubError forbidden() { return of(StanzaError.FORBIDDEN); }

    public StanzaError error() { return error; }

    public String condition() { return condition; }

    /**
     * The error reply to the request, sent from {@code iq.to()}. The request's payload is not
     * echoed (RFC 6120 §8.2 makes that optional): pubsub payloads can be large, such as whole items.
     */
    public Iq replyTo(Iq iq) {
        int i = getMessage().indexOf(": ");
        Iq reply = error.replyTo(iq, i < 0 ? null : getMessage().substring(i + 2));
        Element errorElement = reply.element().child("error", reply.element().namespace()).orElseThrow();
        if (condition != null) {
            // RFC 6120 §8.3.2: the application condition follows the defined condition and the text
            errorElement = errorElement.withChild(Element.builder(condition, PubSubNs.ERRORS).attr("feature", feature).build());
        }
        return new Iq(reply.element().withChildren(List.of(errorElement)), reply.from(), reply.to());
    }
}
