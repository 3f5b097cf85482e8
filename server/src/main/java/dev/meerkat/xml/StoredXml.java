package dev.meerkat.xml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back an element that a store kept as XML text ({@link Element#toXml()}): offline messages,
 * vCards, private XML. The text was produced by the server from an element a client sent, so it is
 * already within the stream limits; the limits here only bound a damaged or hand-edited row.
 */
public final class StoredXml {
    private static final int MAX_DEPTH = 128;
    private static final int MAX_ATTRIBUTES = 256;

    private StoredXml() {}

    /** The single element in {@code xml}; throws IllegalArgumentException if it is not one well-formed element. */
    public static Element parse(String xml) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        List<Element> found = new ArrayList<>(1);
        XmlStreamParser parser = new XmlStreamParser(
                new ParserLimits(Math.max(1024, bytes.length + 1024), MAX_DEPTH, MAX_ATTRIBUTES),
                new XmlStreamHandler() {
                    @Override public void streamOpened(StreamHeader header) { }

                    @Override public void element(Element element) { found.add(element); }

                    @Override public void streamClosed() { }
                }, true);
        try {
            parser.feed(bytes, 0, bytes.length);
            parser.endOfInput();
        } catch (XmlStreamException e) {
            throw new IllegalArgumentException("stored XML is not well-formed: " + e.getMessage(), e);
        }
        if (found.size() != 1) throw new IllegalArgumentException("stored XML holds " + found.size() + " elements, expected 1");
        return found.get(0);
    }
}
