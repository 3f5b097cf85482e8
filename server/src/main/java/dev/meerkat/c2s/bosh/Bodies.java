package dev.meerkat.c2s.bosh;

import dev.meerkat.xml.Element;
import dev.meerkat.xml.Node;
import dev.meerkat.xml.Ns;
import dev.meerkat.xml.Xml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Namespaces of XEP-0124/0206 and the {@code <body/>} wrappers the server writes. */
final class Bodies {
    static final String NS = "http://jabber.org/protocol/httpbind";
    static final String XBOSH = "urn:xmpp:xbosh";
    /** The XEP-0124 version implemented. */
    static final String VERSION = "1.11";

    private Bodies() {
    }

    /**
     * A response body. Payload elements are already serialized; {@code stream:} elements inside
     * rely on the prefix declared here.
     *
     * @param attributes extra attributes in order (sid, wait, ack, type, condition...), values unescaped
     */
    static String body(Map<String, String> attributes, List<String> payload) {
        StringBuilder b = new StringBuilder(128 + payload.stream().mapToInt(String::length).sum());
        b.append("<body xmlns='").append(NS).append("' xmlns:stream='").append(Ns.STREAMS).append('\'');
        if (attributes.keySet().stream().anyMatch(k -> k.startsWith("xmpp:"))) b.append(" xmlns:xmpp='").append(XBOSH).append('\'');
        attributes.forEach((k, v) -> {
            b.append(' ').append(k).append("='");
            Xml.escapeAttribute(v, b);
            b.append('\'');
        });
        if (payload.isEmpty()) return b.append("/>").toString();
        b.append('>');
        payload.forEach(b::append);
        return b.append("</body>").toString();
    }

    static String terminate(String condition) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("type", "terminate");
        if (condition != null) attributes.put("condition", condition);
        return body(attributes, List.of());
    }

    /** One element for the client: stanzas declare jabber:client, stream elements use the body's prefix. */
    static String serialize(Element e) {
        StringBuilder b = new StringBuilder(256);
        if (!Ns.STREAMS.equals(e.namespace())) {
            e.writeTo(b, null);
            return b.toString();
        }
        b.append("<stream:").append(e.name());
        e.attributes().forEach((k, v) -> { b.append(' ').append(k).append("=\""); Xml.escapeAttribute(v, b); b.append('"'); });
        b.append('>');
        for (Node n : e.children()) n.writeTo(b, Ns.STREAMS);
        return b.append("</stream:").append(e.name()).append('>').toString();
    }

    /**
     * Stanzas written without a namespace of their own inherit the body's; XEP-0206 wants
     * {@code jabber:client}, and older clients omit it, so they are moved there (with every
     * descendant that inherited it too).
     */
    static Element toClientNamespace(Element e) {
        if (!NS.equals(e.namespace())) return e;
        Element.Builder b = Element.builder(e.name(), Ns.CLIENT);
        e.attributes().forEach(b::attr);
        for (Node n : e.children()) b.child(n instanceof Element child ? toClientNamespace(child) : n);
        return b.build();
    }
}
