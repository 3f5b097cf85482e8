package dev.meerkat.stanza;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

/**
 * A message, presence or IQ: a typed, immutable view of a top-level stream element. Addresses are
 * parsed once at construction; an invalid address makes {@link #of} throw
 * {@link dev.meerkat.jid.JidFormatException}, which callers answer with {@code jid-malformed}.
 */
public sealed interface Stanza permits Message, Presence, Iq {

    Element element();

    Jid from();

    Jid to();

    default String id() { return element().attr("id"); }

    default String typeAttr() { return element().attr("type"); }

    default String name() { return element().name(); }

    /** A copy with new addresses (null removes the attribute). */
    Stanza withAddresses(Jid from, Jid to);

    default Stanza withFrom(Jid from) { return withAddresses(from, to()); }

    default Stanza withTo(Jid to) { return withAddresses(from(), to); }

    default boolean isError() { return "error".equals(typeAttr()); }

    static boolean isStanzaName(String name) {
        return name.equals("message") || name.equals("presence") || name.equals("iq");
    }

    /** Wraps a stanza element; the element must be message, presence or iq in jabber:client or jabber:server. */
    static Stanza of(Element e) {
        Jid from = Jid.parseOrNullStrict(e.attr("from"));
        Jid to = Jid.parseOrNullStrict(e.attr("to"));
        return switch (e.name()) {
            case "message" -> new Message(e, from, to);
            case "presence" -> new Presence(e, from, to);
            case "iq" -> new Iq(e, from, to);
            default -> throw new IllegalArgumentException("not a stanza: " + e.name());
        };
    }

    static boolean isStanza(Element e) {
        return isStanzaName(e.name()) && (Ns.CLIENT.equals(e.namespace()) || Ns.SERVER.equals(e.namespace()));
    }

    static Element readdress(Element e, Jid from, Jid to) {
        return e.withAttr("from", from == null ? null : from.toString())
                .withAttr("to", to == null ? null : to.toString());
    }
}
