package dev.meerkat.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An immutable XML element. Namespaces are resolved: every element knows its namespace URI, and
 * prefixes are not kept: {@code xml:lang} is the attribute name {@code "xml:lang"}, any other
 * namespaced attribute is named {@code "{uri}local"}. Attributes keep their order. Changes return copies, so an
 * element can be shared between sessions and threads without locks.
 */
public final class Element implements Node {
    private final String name;
    private final String namespace;
    private final Map<String, String> attributes;
    private final List<Node> children;

    private Element(String name, String namespace, Map<String, String> attributes, List<Node> children) {
        this.name = Objects.requireNonNull(name, "name");
        this.namespace = namespace == null ? "" : namespace;
        this.attributes = attributes;
        this.children = children;
    }

    public static Builder builder(String name, String namespace) {
        return new Builder(name, namespace);
    }

    public static Element of(String name, String namespace) {
        return new Element(name, namespace, Map.of(), List.of());
    }

    public String name() { return name; }

    public String namespace() { return namespace; }

    public boolean is(String name, String namespace) {
        return this.name.equals(name) && this.namespace.equals(namespace);
    }

    public Map<String, String> attributes() { return attributes; }

    public String attr(String attributeName) { return attributes.get(attributeName); }

    public Optional<String> optAttr(String attributeName) { return Optional.ofNullable(attributes.get(attributeName)); }

    public List<Node> children() { return children; }

    public List<Element> elements() {
        List<Element> out = new ArrayList<>(children.size());
        for (Node n : children) if (n instanceof Element e) out.add(e);
        return out;
    }

    /** The first child element with that name and namespace, if any. */
    public Optional<Element> child(String childName, String childNamespace) {
        for (Node n : children)
            if (n instanceof Element e && e.is(childName, childNamespace)) return Optional.of(e);
        return Optional.empty();
    }

    /** The first child element in that namespace, whatever its name. */
    public Optional<Element> childInNamespace(String childNamespace) {
        for (Node n : children)
            if (n instanceof Element e && e.namespace.equals(childNamespace)) return Optional.of(e);
        return Optional.empty();
    }

    public Optional<Element> firstElement() {
        for (Node n : children) if (n instanceof Element e) return Optional.of(e);
        return Optional.empty();
    }

    public List<Element> children(String childName, String childNamespace) {
        List<Element> out = new ArrayList<>();
        for (Node n : children) if (n instanceof Element e && e.is(childName, childNamespace)) out.add(e);
        return out;
    }

    /** The concatenated character data directly inside this element. */
    public String text() {
        StringBuilder b = null;
        String single = null;
        for (Node n : children) {
            if (n instanceof Text t) {
                if (single == null && b == null) single = t.value();
                else {
                    if (b == null) b = new StringBuilder(single);
                    b.append(t.value());
                }
            }
        }
        return b != null ? b.toString() : single == null ? "" : single;
    }

    /** Text of the first child element with that name and namespace, if present. */
    public Optional<String> childText(String childName, String childNamespace) {
        return child(childName, childNamespace).map(Element::text);
    }

    public Element withAttr(String attributeName, String value) {
        if (Objects.equals(attributes.get(attributeName), value)) return this;
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        if (value == null) copy.remove(attributeName); else copy.put(attributeName, value);
        return new Element(name, namespace, Collections.unmodifiableMap(copy), children);
    }

    public Element withoutAttr(String attributeName) { return withAttr(attributeName, null); }

    public Element withChildren(List<? extends Node> newChildren) {
        return new Element(name, namespace, attributes, List.copyOf(newChildren));
    }

    public Element withChild(Node child) {
        List<Node> copy = new ArrayList<>(children.size() + 1);
        copy.addAll(children);
        copy.add(child);
        return new Element(name, namespace, attributes, Collections.unmodifiableList(copy));
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, namespace);
        b.attributes.putAll(attributes);
        b.children.addAll(children);
        return b;
    }

    public String toXml() {
        StringBuilder b = new StringBuilder(128);
        writeTo(b, null);
        return b.toString();
    }

    @Override
    public void writeTo(StringBuilder out, String parentNamespace) {
        out.append('<').append(name);
        if (!namespace.equals(parentNamespace)) {
            out.append(" xmlns=\"");
            Xml.escapeAttribute(namespace, out);
            out.append('"');
        }
        int declared = 0;
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            String key = a.getKey();
            out.append(' ');
            if (key.charAt(0) == '{') {
                // {uri}local: declare a prefix for it on this element
                int close = key.indexOf('}');
                String prefix = "a" + declared++;
                out.append("xmlns:").append(prefix).append("=\"");
                Xml.escapeAttribute(key.substring(1, close), out);
                out.append("\" ").append(prefix).append(':').append(key, close + 1, key.length());
            } else {
                out.append(key);
            }
            out.append("=\"");
            Xml.escapeAttribute(a.getValue(), out);
            out.append('"');
        }
        if (children.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Node n : children) n.writeTo(out, namespace);
        out.append("</").append(name).append('>');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Element e && name.equals(e.name) && namespace.equals(e.namespace)
                && attributes.equals(e.attributes) && children.equals(e.children);
    }

    @Override
    public int hashCode() { return Objects.hash(name, namespace, attributes, children); }

    @Override
    public String toString() { return toXml(); }

    /** Mutable builder; {@link #build()} freezes it. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String namespace;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<Node> children = new ArrayList<>();

        private Builder(String name, String namespace) {
            this.name = name;
            this.namespace = namespace;
        }

        public Builder attr(String attributeName, String value) {
            if (value != null) attributes.put(attributeName, value);
            return this;
        }

        public Builder child(Node node) {
            if (node != null) children.add(node);
            return this;
        }

        public Builder children(List<? extends Node> nodes) {
            children.addAll(nodes);
            return this;
        }

        /** Adds a child in the same namespace as this element. */
        public Builder child(String childName, Consumer<Builder> body) {
            return child(childName, namespace, body);
        }

        public Builder child(String childName, String childNamespace, Consumer<Builder> body) {
            Builder b = new Builder(childName, childNamespace);
            body.accept(b);
            children.add(b.build());
            return this;
        }

        /** Adds {@code <childName>text</childName>} in this element's namespace. */
        public Builder textChild(String childName, String text) {
            children.add(new Builder(childName, namespace).text(text).build());
            return this;
        }

        public Builder text(String text) {
            if (text != null && !text.isEmpty()) children.add(new Text(text));
            return this;
        }

        public Element build() {
            return new Element(name, namespace,
                    attributes.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes)),
                    children.isEmpty() ? List.of() : List.copyOf(children));
        }
    }
}
