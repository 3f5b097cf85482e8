package dev.meerkat.stanza;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

import java.util.Optional;

/** An {@code <iq/>} stanza. */
public record Iq(Element element, Jid from, Jid to) implements Stanza {

    public enum Type { GET, SET, RESULT, ERROR }

    @Override
    public Iq withFrom(Jid newFrom) { return withAddresses(newFrom, to); }

    @Override
    public Iq withTo(Jid newTo) { return withAddresses(from, newTo); }

    @Override
    public Iq withAddresses(Jid newFrom, Jid newTo) {
        return new Iq(Stanza.readdress(element, newFrom, newTo), newFrom, newTo);
    }

    /** The type, or null when the attribute is missing or unknown (a bad-request). */
    public Type type() {
        String t = element.attr("type");
        if (t == null) return null;
        return switch (t) {
            case "get" -> Type.GET;
            case "set" -> Type.SET;
            case "result" -> Type.RESULT;
            case "error" -> Type.ERROR;
            default -> null;
        };
    }

    public boolean isRequest() {
        Type t = type();
        return t == Type.GET || t == Type.SET;
    }

    /** The request's payload: its first child element. */
    public Optional<Element> payload() { return element.firstElement(); }

    /** An empty result addressed back to the requester (from/to swapped). */
    public Iq result() {
        return result(null);
    }

    /** A result carrying the given payload (may be null). */
    public Iq result(Element payload) {
        Element.Builder b = Element.builder("iq", element.namespace())
                .attr("type", "result")
                .attr("id", id());
        if (to != null) b.attr("from", to.toString());
        if (from != null) b.attr("to", from.toString());
        if (payload != null) b.child(payload);
        return new Iq(b.build(), to, from);
    }

    public static Iq request(Type type, String id, Jid from, Jid to, Element payload) {
        Element.Builder b = Element.builder("iq", dev.meerkat.xml.Ns.CLIENT)
                .attr("type", type.name().toLowerCase(java.util.Locale.ROOT)).attr("id", id);
        if (from != null) b.attr("from", from.toString());
        if (to != null) b.attr("to", to.toString());
        b.child(payload);
        return new Iq(b.build(), from, to);
    }
}
