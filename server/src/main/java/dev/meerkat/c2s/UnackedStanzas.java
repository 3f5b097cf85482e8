package dev.meerkat.c2s;

import dev.meerkat.routing.Router;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What a client never acknowledged (XEP-0198) when its session ends for good: messages go back to
 * the router as undeliverable (to another resource or offline storage), stamped with when they
 * first came; IQ requests are answered with an error. Presence is dropped: contacts' presence is
 * sent again when the user comes back.
 */
final class UnackedStanzas {
    private static final String DELAY_NS = "urn:xmpp:delay";

    private UnackedStanzas() {}

    static void reroute(List<SmState.Unacked> unacked, String host, Router router) {
        for (SmState.Unacked u : unacked) {
            Stanza s;
            try {
                s = Stanza.of(u.stanza());
            } catch (RuntimeException e) {
                continue;
            }
            switch (s) {
                case Message m when m.to() != null -> {
                    Element el = m.element();
                    if (el.child("delay", DELAY_NS).isEmpty()) {
                        el = el.withChild(Element.builder("delay", DELAY_NS).attr("from", host)
                                .attr("stamp", u.at().truncatedTo(ChronoUnit.MILLIS).toString()).build());
                    }
                    router.undeliverable(Stanza.of(el));
                }
                case Iq iq when iq.isRequest() && iq.from() != null ->
                        router.route(StanzaError.SERVICE_UNAVAILABLE.replyTo(iq, "the recipient's session ended"));
                default -> { }
            }
        }
    }
}
