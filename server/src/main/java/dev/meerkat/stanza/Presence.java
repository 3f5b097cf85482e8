package dev.meerkat.stanza;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

/** A {@code <presence/>} stanza. */
public record Presence(Element element, Jid from, Jid to) implements Stanza {
    @Override
    public Presence withFrom(Jid newFrom) { return withAddresses(newFrom, to); }

    @Override
    public Presence withTo(Jid newTo) { return withAddresses(from, newTo); }

    @Override
    public Presence withAddresses(Jid newFrom, Jid newTo) {
        return new Presence(Stanza.readdress(element, newFrom, newTo), newFrom, newTo);
    }

    /** Null for available presence, else the type attribute. */
    public String type() { return element.attr("type"); }

    public boolean isAvailable() { return type() == null; }

    public boolean isUnavailable() { return "unavailable".equals(type()); }

    /** Presence priority (RFC 6121 §4.7.2.3), 0 when absent or invalid. */
    public int priority() {
        return element.childText("priority", element.namespace()).map(String::trim).map(p -> {
            try {
                int v = Integer.parseInt(p);
                return Math.max(-128, Math.min(127, v));
            } catch (NumberFormatException e) {
                return 0;
            }
        }).orElse(0);
    }
}
