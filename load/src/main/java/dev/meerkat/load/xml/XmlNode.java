package dev.meerkat.load.xml;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A received element: just enough of a tree for a client to read stanzas. Immutable.
 *
 * @param name     local name
 * @param ns       namespace URI ("" when none)
 * @param attrs    attributes by local name (a client never needs namespaced attributes)
 * @param children child elements, in order
 * @param text     concatenated character data directly inside this element
 */
public record XmlNode(String name, String ns, Map<String, String> attrs, List<XmlNode> children, String text) {
    public XmlNode {
        attrs = Map.copyOf(attrs);
        children = List.copyOf(children);
    }

    public String attr(String key) { return attrs.get(key); }

    public boolean is(String name, String ns) { return this.name.equals(name) && this.ns.equals(ns); }

    public Optional<XmlNode> child(String name) {
        for (XmlNode c : children) if (c.name.equals(name)) return Optional.of(c);
        return Optional.empty();
    }

    public Optional<XmlNode> child(String name, String ns) {
        for (XmlNode c : children) if (c.is(name, ns)) return Optional.of(c);
        return Optional.empty();
    }

    /** The name of the first child, e.g. the defined condition of an error; "" when there is none. */
    public String firstChildName() { return children.isEmpty() ? "" : children.get(0).name; }
}
