package dev.meerkat.xml;

/** Character data inside an element; stored unescaped. */
public record Text(String value) implements Node {
    public Text {
        if (value == null) throw new IllegalArgumentException("text is null");
    }

    @Override
    public void writeTo(StringBuilder out, String parentNamespace) {
        Xml.escapeText(value, out);
    }
}
