package dev.meerkat.mod.carboncopy;

import dev.meerkat.jid.Jid;
import dev.meerkat.stanza.Message;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.Set;

/** XEP-0280 §6 (which messages are copied) and §4-5 (what a copy looks like); pure functions. */
public final class CarbonRules {
    public static final String NS = "urn:xmpp:carbons:2";
    public static final String FORWARD_NS = "urn:xmpp:forward:0";
    public static final String HINTS_NS = "urn:xmpp:hints";
    static final String MUC_USER_NS = "http://jabber.org/protocol/muc#user";
    /** Payloads "typically used in IM" (§6): chat states, delivery receipts, chat markers. */
    private static final Set<String> IM_PAYLOADS = Set.of(
            "http://jabber.org/protocol/chatstates", "urn:xmpp:receipts", "urn:xmpp:chat-markers:0");

    /** Which way a copied message went, seen from the user getting the copy. */
    public enum Direction {
        RECEIVED("received"), SENT("sent");

        final String element;

        Direction(String element) { this.element = element; }
    }

    private CarbonRules() {}

    /** Whether the message is copied to the user's other carbons-enabled resources. */
    public static boolean eligible(Message m, Direction direction) {
        Element e = m.element();
        if (e.child("private", NS).isPresent() || e.child("no-copy", HINTS_NS).isPresent()) return false;
        // never a copy of a copy
        if (e.child("received", NS).isPresent() || e.child("sent", NS).isPresent()) return false;
        String type = m.type();
        if (type.equals("groupchat")) return false;
        // §6: nothing received from a MUC, private messages included; the occupant gets them from the room
        if (direction == Direction.RECEIVED && e.child("x", MUC_USER_NS).isPresent()) return false;
        if (type.equals("chat") || type.equals("error")) return true;
        if (type.equals("normal") && e.child("body", e.namespace()).isPresent()) return true;
        if (type.equals("headline")) return false;
        for (Element child : e.elements()) {
            if (IM_PAYLOADS.contains(child.namespace())) return true;
        }
        return false;
    }

    /** The copy for one resource of the user: from the user's bare JID, the original forwarded inside. */
    public static Message copy(Message original, Direction direction, Jid resource) {
        Element.Builder b = Element.builder("message", Ns.CLIENT)
                .attr("from", resource.bare().toString())
                .attr("to", resource.toString());
        String type = original.element().attr("type");
        if (type != null) b.attr("type", type);
        Element forwarded = Element.builder("forwarded", FORWARD_NS).child(asClientStanza(original.element())).build();
        b.child(Element.builder(direction.element, NS).child(forwarded).build());
        return new Message(b.build(), resource.bare(), resource);
    }

    /** XEP-0297: the forwarded stanza is in jabber:client whatever stream it came over. */
    private static Element asClientStanza(Element e) {
        if (e.namespace().equals(Ns.CLIENT)) return e;
        Element.Builder b = Element.builder(e.name(), Ns.CLIENT);
        e.attributes().forEach(b::attr);
        for (var child : e.children()) {
            b.child(child instanceof Element c && c.namespace().equals(e.namespace()) ? asClientStanza(c) : child);
        }
        return b.build();
    }
}
