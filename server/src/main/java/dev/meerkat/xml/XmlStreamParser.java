package dev.meerkat.xml;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import io.netty.buffer.ByteBuf;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Non-blocking XMPP stream parser on Aalto's async reader: bytes go in as they arrive, complete
 * top-level elements come out through an {@link XmlStreamHandler}.
 *
 * <p><b>Stream mode</b> (TCP): the first element is the stream root and is reported by
 * {@link XmlStreamHandler#streamOpened}; each child of the root is reported whole by
 * {@link XmlStreamHandler#element}; closing the root calls {@link XmlStreamHandler#streamClosed}.
 *
 * <p><b>Fragment mode</b> (WebSocket, RFC 7395): every top-level element ({@code <open/>},
 * stanzas, {@code <close/>}) is reported whole. Aalto accepts only one root per document, so
 * after each {@link #reset()} the parser feeds it a synthetic wrapper start tag that is never
 * closed; the client's elements then sit at depth 1 exactly like stanzas in stream mode, and the
 * wrapper's bytes are never shown to the handler.
 *
 * <p><b>Restrictions</b> (RFC 6120 §11.1): DTDs, processing instructions (except the XML
 * declaration at the very start), comments and entity references other than the predefined ones
 * and character references end the stream with {@link XmlStreamException.Kind#RESTRICTED_XML};
 * Aalto is configured never to expand entities. A declared encoding other than UTF-8 gives
 * {@link XmlStreamException.Kind#UNSUPPORTED_ENCODING}.
 *
 * <p><b>Limits</b> are checked while bytes are fed, so an oversized stanza is rejected before it
 * is complete and before more than {@link ParserLimits#maxStanzaBytes()} of it is buffered: input
 * is handed to Aalto in slices no longer than what is left of the current top-level unit's
 * budget. A "unit" is the stream header (with anything before it), one top-level element, or a
 * run of whitespace between them; {@code maxStanzaBytes} bounds each. Depth counts elements below
 * the root (a stanza is at depth 1); attributes per element include namespace declarations,
 * since both cost memory alike.
 *
 * <p><b>Idle memory</b>: whenever the input so far ends between two top-level elements (nothing
 * pending but whitespace), the Aalto reader is released and the parser keeps only a few fields.
 * The next byte makes a new reader, which is first fed a synthetic copy of the root's start tag
 * (its qualified name and namespace declarations; the fragment wrapper in fragment mode), so the
 * client's next element is read exactly as if the reader had never changed. An idle connection
 * thus holds no parser buffers; readers come from a shared {@link XmlReaders}.
 *
 * <p>After an exception the parser refuses input until {@link #reset()}. Not thread-safe: feed it
 * from one thread (the connection's event loop). Handler callbacks run inside {@code feed}; a
 * callback may call {@link #reset()}, which discards the rest of the bytes being fed (plaintext
 * pipelined after {@code <starttls/>} must never be read as part of the next stream).
 */
public final class XmlStreamParser {
    /** Never closed; a name no XMPP client would use, so it cannot be confused with real input. */
    private static final byte[] FRAGMENT_WRAPPER =
            "<meerkat-fragments>".getBytes(StandardCharsets.US_ASCII);
    /** Bytes copied at a time out of a ByteBuf that has no backing array. */
    private static final int COPY_CHUNK = 2048;

    private enum State { READY, FAILED, ENDED }

    private final ParserLimits limits;
    private final XmlStreamHandler handler;
    private final boolean fragmentMode;
    private final XmlReaders readers;
    /** Builders of the open elements below the root; index 0 is the top-level element. */
    private final List<Element.Builder> open = new ArrayList<>();

    /** Null between top-level elements once released, and before the first byte of a stream. */
    private AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    /** What a new reader is fed before the client's bytes: the fragment wrapper, or the stream root's start tag once seen. */
    private byte[] rootReplay;
    /** True while a new reader reads {@link #rootReplay}: its root is not the client's and is not reported. */
    private boolean replaying;
    private State state;
    /** Incremented by every reset, so a feed loop notices a reset made by a handler callback. */
    private int generation;
    /** Elements currently open, the root included (the root alone open = 1). */
    private int openCount;
    private boolean rootClosed;
    /** Whether the first element the client itself sent has started; until then DTDs are watched for. */
    private boolean firstElementSeen;
    /** Progress matching "<!D" across slices, so a DOCTYPE is caught before Aalto sees it. */
    private int doctypeMatch;
    /** Bytes given to the current reader so far (wrapper included). */
    private long fed;
    /** Stream position where the current top-level unit began; limits are measured from here. */
    private long unitStart;
    /** Array offset of the slice Aalto is reading: Aalto adds it into the offsets it reports. */
    private int sliceOffset;
    /** Character data of the innermost open element; made when text arrives, dropped with each top-level element. */
    private StringBuilder text;

    /** A parser with readers of its own; connections of a listener should share {@link XmlReaders}. */
    public XmlStreamParser(ParserLimits limits, XmlStreamHandler handler, boolean fragmentMode) {
        this(limits, handler, fragmentMode, new XmlReaders());
    }

    public XmlStreamParser(ParserLimits limits, XmlStreamHandler handler, boolean fragmentMode, XmlReaders readers) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.fragmentMode = fragmentMode;
        this.readers = Objects.requireNonNull(readers, "readers");
        reset();
    }

    /** Parses all readable bytes of {@code buf} and advances its reader index; does not release it. */
    public void feed(ByteBuf buf) throws XmlStreamException {
        requireReady();
        int readable = buf.readableBytes();
        int start = buf.readerIndex();
        buf.readerIndex(buf.writerIndex());
        if (readable == 0) return;
        if (buf.hasArray()) {
            feed(buf.array(), buf.arrayOffset() + start, readable);
            return;
        }
        // A fresh chunk per call rather than one kept per connection: idle connections hold none.
        byte[] copyBuffer = new byte[Math.min(COPY_CHUNK, readable)];
        int gen = generation;
        for (int done = 0; done < readable && gen == generation && state == State.READY; ) {
            int n = Math.min(COPY_CHUNK, readable - done);
            buf.getBytes(start + done, copyBuffer, 0, n);
            feed(copyBuffer, 0, n);
            done += n;
        }
    }

    /** Parses {@code length} bytes of {@code bytes} from {@code offset}; the array is not kept. */
    public void feed(byte[] bytes, int offset, int length) throws XmlStreamException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        requireReady();
        int gen = generation;
        try {
            int pos = offset;
            int end = offset + length;
            while (pos < end) {
                if (reader == null) newReader();
                long budget = limits.maxStanzaBytes() - (fed - unitStart);
                int n = (int) Math.min(end - pos, budget);
                if (!firstElementSeen) scanForDoctype(bytes, pos, n);
                if (!feedSlice(bytes, pos, n)) return; // a callback reset the parser or ended input
                pos += n;
                if (fed - unitStart >= limits.maxStanzaBytes()) {
                    // The unit is still incomplete after maxStanzaBytes bytes, so it will exceed them.
                    throw new XmlStreamException(XmlStreamException.Kind.POLICY_VIOLATION,
                            "top-level element larger than " + limits.maxStanzaBytes() + " bytes");
                }
            }
            releaseIfBetweenElements(bytes, offset, end);
        } catch (XmlStreamException | RuntimeException e) {
            if (gen == generation) fail();
            throw e;
        }
    }

    /**
     * Forgets everything and expects a new stream (after STARTTLS or SASL success). Called from a
     * handler callback, it also drops the remaining bytes of the feed in progress.
     */
    public void reset() {
        closeReader();
        generation++;
        state = State.READY;
        open.clear();
        openCount = 0;
        rootClosed = false;
        firstElementSeen = false;
        doctypeMatch = 0;
        fed = 0;
        unitStart = 0;
        text = null;
        // The reader itself is made by the first byte of the new stream.
        rootReplay = fragmentMode ? FRAGMENT_WRAPPER : null;
    }

    /** Whether an Aalto reader is held right now (false between top-level elements). */
    boolean holdsReader() { return reader != null; }

    /** Makes the reader and feeds it the replayed root, if there is one. */
    private void newReader() throws XmlStreamException {
        reader = readers.newReader();
        fed = 0;
        unitStart = 0;
        if (rootReplay == null) return;
        int gen = generation;
        replaying = true;
        try {
            feedSlice(rootReplay, 0, rootReplay.length);
        } finally {
            replaying = false;
        }
        if (gen != generation || state != State.READY || openCount != 1) {
            // Cannot happen with a start tag the parser wrote itself; fails the parser like bad input.
            throw new IllegalStateException("replayed stream root not accepted");
        }
    }

    /**
     * After a feed: if the input ends between top-level elements inside the open root (only
     * whitespace pending, which means nothing there), the reader goes back to the shared pool.
     */
    private void releaseIfBetweenElements(byte[] bytes, int offset, int end) {
        if (reader == null || state != State.READY || rootClosed || openCount != 1 || !open.isEmpty()) return;
        long pending = fed - unitStart;
        if (pending > end - offset) return; // pending bytes reach back into an earlier feed: keep the reader
        for (int i = end - (int) pending; i < end; i++) {
            byte c = bytes[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
        }
        closeReader();
        openCount = 0;
        text = null;
    }

    /**
     * The connection closed. Stops parsing without waiting for more input (Aalto would only keep
     * answering "incomplete"). Throws NOT_WELL_FORMED if input ended inside a top-level element;
     * an unclosed stream root on its own is normal for a dropped connection and is not reported.
     */
    public void endOfInput() throws XmlStreamException {
        if (state != State.READY) return;
        state = State.ENDED;
        closeReader();
        boolean rootOpen = openCount >= 1;
        if (openCount > 1 || (rootOpen && fed > unitStart)) {
            throw new XmlStreamException(XmlStreamException.Kind.NOT_WELL_FORMED,
                    "input ended inside an element");
        }
    }

    /** Feeds one slice and handles every event it completes; false if a callback called reset() or endOfInput(). */
    private boolean feedSlice(byte[] bytes, int offset, int length) throws XmlStreamException {
        int gen = generation;
        sliceOffset = offset;
        try {
            reader.getInputFeeder().feedInput(bytes, offset, length);
            fed += length;
            int event;
            while ((event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                handleEvent(event);
                if (gen != generation || state != State.READY) return false;
            }
            return true;
        } catch (XMLStreamException e) {
            throw translate(e);
        }
    }

    private void handleEvent(int event) throws XMLStreamException, XmlStreamException {
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> startElement();
            case XMLStreamConstants.END_ELEMENT -> endElement();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> characters();
            case XMLStreamConstants.START_DOCUMENT -> checkEncoding(reader.getCharacterEncodingScheme());
            case XMLStreamConstants.COMMENT -> throw restricted("comment");
            case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw restricted("processing instruction");
            case XMLStreamConstants.DTD -> throw restricted("DTD");
            case XMLStreamConstants.ENTITY_REFERENCE -> throw restricted("entity reference &" + reader.getLocalName() + ";");
            default -> { } // END_DOCUMENT never comes: Aalto is never told the input ended
        }
    }

    private void startElement() throws XMLStreamException, XmlStreamException {
        openCount++;
        int depth = openCount - 1;
        if (depth > limits.maxDepth()) {
            throw policy("elements nested deeper than " + limits.maxDepth());
        }
        int attributeCount = reader.getAttributeCount();
        if (attributeCount + reader.getNamespaceCount() > limits.maxAttributes()) {
            throw policy("more than " + limits.maxAttributes() + " attributes on <" + reader.getLocalName() + ">");
        }
        if (depth == 0) {
            startRoot(attributeCount);
            return;
        }
        firstElementSeen = true;
        if (!open.isEmpty()) flushText();
        Element.Builder b = Element.builder(reader.getLocalName(), reader.getNamespaceURI());
        for (int i = 0; i < attributeCount; i++) {
            b.attr(attributeName(i), reader.getAttributeValue(i));
        }
        open.add(b);
    }

    private void startRoot(int attributeCount) throws XMLStreamException {
        unitStart = position();
        if (replaying) return; // the fragment wrapper, or the root of a stream already reported
        firstElementSeen = true;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < attributeCount; i++) {
            attributes.put(attributeName(i), reader.getAttributeValue(i));
        }
        Map<String, String> declarations = new LinkedHashMap<>();
        for (int i = 0, n = reader.getNamespaceCount(); i < n; i++) {
            String prefix = reader.getNamespacePrefix(i);
            String uri = reader.getNamespaceURI(i);
            declarations.put(prefix == null ? "" : prefix, uri == null ? "" : uri);
        }
        String prefix = reader.getPrefix();
        String namespace = reader.getNamespaceURI();
        StreamHeader header = new StreamHeader(prefix == null ? "" : prefix, reader.getLocalName(),
                namespace == null ? "" : namespace,
                Collections.unmodifiableMap(attributes), Collections.unmodifiableMap(declarations));
        rootReplay = readers.shared(replayOf(header));
        handler.streamOpened(header);
    }

    private void endElement() throws XMLStreamException {
        openCount--;
        if (openCount == 0) {
            // Only the stream root gets here: the fragment wrapper is never closed.
            rootClosed = true;
            unitStart = position();
            handler.streamClosed();
            return;
        }
        flushText();
        Element element = open.remove(open.size() - 1).build();
        if (!open.isEmpty()) {
            open.get(open.size() - 1).child(element);
            return;
        }
        unitStart = position();
        text = null;
        handler.element(element);
    }

    private void characters() throws XMLStreamException, XmlStreamException {
        if (!open.isEmpty()) {
            if (text == null) text = new StringBuilder(64);
            text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
            return;
        }
        if (openCount == 0 || rootClosed) return; // prolog or epilog: Aalto allows only whitespace
        if (!reader.isWhiteSpace()) {
            throw new XmlStreamException(XmlStreamException.Kind.BAD_FORMAT, "text outside of a stanza");
        }
        unitStart = position();
    }

    /** Adds the pending character data (several Aalto events merged) to the innermost element. */
    private void flushText() {
        if (text == null || text.length() == 0) return;
        open.get(open.size() - 1).text(text.toString());
        text.setLength(0);
    }

    private String attributeName(int i) {
        String prefix = reader.getAttributePrefix(i);
        String local = reader.getAttributeLocalName(i);
        if (prefix == null || prefix.isEmpty()) return local;
        if ("xml".equals(prefix)) return "lang".equals(local) ? "xml:lang" : "xml:" + local;
        // Prefixes are not kept, so a namespaced attribute is named by its namespace: {uri}local.
        return '{' + reader.getAttributeNamespace(i) + '}' + local;
    }

    /** Stream position just after the current event. */
    private long position() throws XMLStreamException {
        // Aalto's offset is (bytes of earlier slices) + (index into the current array), so the
        // array offset of the current slice has to be taken out again.
        return reader.getLocationInfo().getEndingByteOffset() - sliceOffset;
    }

    /** The root's start tag as a new reader must see it: same qualified name, same namespace declarations. */
    private static byte[] replayOf(StreamHeader h) {
        StringBuilder b = new StringBuilder(128).append('<');
        if (!h.prefix().isEmpty()) b.append(h.prefix()).append(':');
        b.append(h.localName());
        h.namespaceDeclarations().forEach((prefix, uri) -> {
            b.append(prefix.isEmpty() ? " xmlns" : " xmlns:" + prefix).append("='");
            Xml.escapeAttribute(uri, b);
            b.append('\'');
        });
        return b.append('>').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void scanForDoctype(byte[] bytes, int offset, int length) throws XmlStreamException {
        // Aalto's async reader rejects a DTD internal subset as a plain syntax error, so "<!D" is
        // spotted here to report it as restricted XML. Only done before the first element.
        int m = doctypeMatch;
        for (int i = offset, end = offset + length; i < end; i++) {
            byte c = bytes[i];
            if (m == 2 && c == 'D') throw restricted("DTD");
            m = c == '<' ? 1 : (m == 1 && c == '!') ? 2 : 0;
        }
        doctypeMatch = m;
    }

    private static void checkEncoding(String declared) throws XmlStreamException {
        if (declared != null && !declared.equalsIgnoreCase("UTF-8")) {
            throw new XmlStreamException(XmlStreamException.Kind.UNSUPPORTED_ENCODING,
                    "encoding " + declared + " is not supported; use UTF-8");
        }
    }

    private static XmlStreamException translate(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        // Aalto signals these as well-formedness errors; their wording is the only way to tell.
        if (message.contains("Unsupported encoding")) {
            return new XmlStreamException(XmlStreamException.Kind.UNSUPPORTED_ENCODING, message);
        }
        if (message.contains("ENTITY_REFERENCE")) {
            return new XmlStreamException(XmlStreamException.Kind.RESTRICTED_XML, message);
        }
        return new XmlStreamException(XmlStreamException.Kind.NOT_WELL_FORMED, message);
    }

    private static XmlStreamException restricted(String what) {
        return new XmlStreamException(XmlStreamException.Kind.RESTRICTED_XML, what + " not allowed in XMPP");
    }

    private static XmlStreamException policy(String what) {
        return new XmlStreamException(XmlStreamException.Kind.POLICY_VIOLATION, what);
    }

    private void requireReady() {
        if (state != State.READY) {
            throw new IllegalStateException(state == State.FAILED
                    ? "parser failed earlier; reset() before feeding more"
                    : "endOfInput() was called; reset() before feeding more");
        }
    }

    private void fail() {
        state = State.FAILED;
        closeReader();
        open.clear();
        text = null;
    }

    private void closeReader() {
        readers.release(reader); // returns Aalto's buffers to its recycler
        reader = null;
    }
}
