package dev.meerkat.stanza;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

/** A {@code <message/>} stanza. */
public record Message(Element element, Jid from, Jid to) implements Stanza {
    @Override
    public Message withFrom(Jid newFrom) { return withAddresses(newFrom, to); }

    @Override
    public Message withTo(Jid newTo) { return withAddresses(from, newTo); }

    @Override
    public Message withAddresses(Jid newFrom, Jid newTo) {
        return new Message(Stanza.readdress(element, newFrom, newTo), newFrom, newTo);
    }

    /** The message type; RFC 6121 §5.2.2: absent or unknown means "normal". */
    public String type() {
        String t = element.attr("type");
        if (t == null) return "normal";
        return switch (t) {
            case "chat", "groupchat", "headline", "error", "normal" -> t;
            default -> "normal";
        };
    }

    public String body() {
        return element.childText("body", element.namespace()).orElse(null);
    }
}
