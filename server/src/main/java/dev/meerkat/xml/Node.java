package dev.meerkat.xml;

/** A node of an immutable XML tree: an {@link Element} or a {@link Text}. */
public sealed interface Node permits Element, Text {
    /** Appends this node as XML, omitting {@code xmlns} where it equals {@code parentNamespace}. */
    void writeTo(StringBuilder out, String parentNamespace);
}
