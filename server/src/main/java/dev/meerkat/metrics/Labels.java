package dev.meerkat.metrics;

import java.util.Set;

/**
 * Keeps label values to known sets: a label fed from client input (a namespace, a type attribute)
 * must not grow the number of time series without bound.
 */
final class Labels {
    /** IQ payload namespaces counted by name; every other one is "other". */
    static final Set<String> IQ_NAMESPACES = Set.of(
            "jabber:iq:roster", "jabber:iq:register", "jabber:iq:version", "jabber:iq:last", "jabber:iq:private",
            "jabber:iq:privacy", "urn:xmpp:ping", "urn:xmpp:time", "vcard-temp", "urn:xmpp:blocking",
            "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
            "http://jabber.org/protocol/pubsub", "http://jabber.org/protocol/muc#admin",
            "http://jabber.org/protocol/muc#owner", "urn:xmpp:mam:2", "urn:xmpp:carbons:2",
            "urn:ietf:params:xml:ns:xmpp-bind", "urn:ietf:params:xml:ns:xmpp-session", "urn:xmpp:http:upload:0");
    static final Set<String> MESSAGE_TYPES = Set.of("normal", "chat", "groupchat", "headline", "error");
    static final Set<String> PRESENCE_TYPES = Set.of("available", "unavailable", "subscribe", "subscribed",
            "unsubscribe", "unsubscribed", "probe", "error");
    /** RFC 6120 §8.3.3 stanza error conditions. */
    static final Set<String> STANZA_ERRORS = Set.of("bad-request", "conflict", "feature-not-implemented", "forbidden",
            "gone", "internal-server-error", "item-not-found", "jid-malformed", "not-acceptable", "not-allowed",
            "not-authorized", "policy-violation", "recipient-unavailable", "redirect", "registration-required",
            "remote-server-not-found", "remote-server-timeout", "resource-constraint", "service-unavailable",
            "subscription-required", "undefined-condition", "unexpected-request");
    /** RFC 6120 §4.9.3 stream error conditions. */
    static final Set<String> STREAM_ERRORS = Set.of("bad-format", "bad-namespace-prefix", "conflict",
            "connection-timeout", "host-gone", "host-unknown", "improper-addressing", "internal-server-error",
            "invalid-from", "invalid-namespace", "invalid-xml", "not-authorized", "not-well-formed",
            "policy-violation", "remote-connection-failed", "reset", "resource-constraint", "restricted-xml",
            "see-other-host", "system-shutdown", "undefined-condition", "unsupported-encoding",
            "unsupported-feature", "unsupported-stanza-type", "unsupported-version");

    private Labels() {
    }

    static String bounded(String value, Set<String> known) {
        return value != null && known.contains(value) ? value : "other";
    }
}
