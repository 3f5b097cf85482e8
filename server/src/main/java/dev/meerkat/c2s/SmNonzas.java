package dev.meerkat.c2s;

import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

/** The XEP-0198 elements the server sends, in one place. */
final class SmNonzas {
    private SmNonzas() {}

    static final Element ACK_REQUEST = Element.of("r", StreamManagement.NS);

    static Element ack(long h) {
        return Element.builder("a", StreamManagement.NS).attr("h", Long.toString(h)).build();
    }

    static Element failed(String condition) {
        return Element.builder("failed", StreamManagement.NS).child(Element.of(condition, Ns.STANZA_ERRORS)).build();
    }

    /** {@code id} null: acks without resumption. */
    static Element enabled(String id, long maxSeconds) {
        Element.Builder b = Element.builder("enabled", StreamManagement.NS);
        if (id != null) b.attr("id", id).attr("resume", "true").attr("max", Long.toString(maxSeconds));
        return b.build();
    }

    static Element resumed(String previd, long h) {
        return Element.builder("resumed", StreamManagement.NS).attr("previd", previd).attr("h", Long.toString(h)).build();
    }

    /** The application condition of the stream error for an ack of more than was sent (§4). */
    static Element handledCountTooHigh(long h, long sent) {
        return Element.builder("handled-count-too-high", StreamManagement.NS).attr("h", Long.toString(h))
                .attr("send-count", Long.toString(sent)).build();
    }
}
