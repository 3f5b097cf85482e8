package dev.meerkat.load.xml;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Incremental reader of one XMPP stream: bytes in any chunking, out come the stream header, each
 * top-level element as a whole, and the stream end. One instance per stream; a stream restart
 * (after STARTTLS or SASL) needs a fresh instance, as the XML document starts over.
 */
public final class StreamReader {
    /** What the reader saw. Called synchronously from {@link #feed}. */
    public interface Handler {
        void streamOpened(Map<String, String> attrs);

        void element(XmlNode element);

        void streamClosed();
    }

    private static final AsyncXMLInputFactory FACTORY = new InputFactoryImpl();

    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = FACTORY.createAsyncForByteArray();
    private final Handler handler;
    private final Deque<Building> open = new ArrayDeque<>();
    private int depth;
    private boolean ended;

    public StreamReader(Handler handler) {
        this.handler = handler;
    }

    /** Feeds bytes; the array must not be changed until this returns (it is consumed completely). */
    public void feed(byte[] bytes, int offset, int length) throws XMLStreamException {
        if (ended) return;
        reader.getInputFeeder().feedInput(bytes, offset, length);
        int event;
        while (!ended && (event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> start();
                case XMLStreamConstants.END_ELEMENT -> end();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) open.peek().text.append(reader.getText());
                }
                case XMLStreamConstants.END_DOCUMENT -> ended = true;
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new XMLStreamException("DTDs and entity references are not allowed in XMPP");
                default -> { }
            }
        }
    }

    private void start() {
        depth++;
        Map<String, String> attrs = new HashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attrs.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        if (depth == 1) {
            handler.streamOpened(attrs);
            return;
        }
        String ns = reader.getNamespaceURI();
        open.push(new Building(reader.getLocalName(), ns == null ? "" : ns, attrs));
    }

    private void end() {
        depth--;
        if (depth == 0) {
            ended = true;
            handler.streamClosed();
            return;
        }
        Building b = open.pop();
        XmlNode node = new XmlNode(b.name, b.ns, b.attrs, b.children, b.text.toString());
        if (open.isEmpty()) handler.element(node);
        else open.peek().children.add(node);
    }

    private static final class Building {
        final String name;
        final String ns;
        final Map<String, String> attrs;
        final List<XmlNode> children = new ArrayList<>(2);
        final StringBuilder text = new StringBuilder();

        Building(String name, String ns, Map<String, String> attrs) {
            this.name = name;
            this.ns = ns;
            this.attrs = attrs;
        }
    }
}
