package dev.meerkat.xml;

import java.util.Map;

/**
 * The opening tag of a stream ({@code <stream:stream ...>} on TCP, or the framing {@code <open/>}
 * on WebSocket): its qualified name, resolved namespace, attributes (with {@code xml:lang} kept
 * under that name) and the namespace declarations it made ({@code ""} for the default namespace).
 */
public record StreamHeader(String prefix, String localName, String namespace,
                           Map<String, String> attributes, Map<String, String> namespaceDeclarations) {
    public String attr(String name) { return attributes.get(name); }

    /** The default namespace the stream declared, e.g. {@code jabber:client}; null if none. */
    public String defaultNamespace() { return namespaceDeclarations.get(""); }
}
