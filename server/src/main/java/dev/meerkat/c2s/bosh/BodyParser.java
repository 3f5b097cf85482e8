package dev.meerkat.c2s.bosh;

import dev.meerkat.xml.Element;
import dev.meerkat.xml.ParserLimits;
import dev.meerkat.xml.StreamHeader;
import dev.meerkat.xml.XmlStreamException;
import dev.meerkat.xml.XmlStreamHandler;
import dev.meerkat.xml.XmlStreamParser;
import io.netty.buffer.ByteBuf;

/**
 * Reads one HTTP request body: exactly one {@code <body/>} element (stanzas inside), optionally
 * preceded by an XML declaration. One instance per event loop thread, reused for every request.
 */
final class BodyParser implements XmlStreamHandler {
    private static final byte[] DECLARATION = {'<', '?', 'x', 'm', 'l'};

    private final XmlStreamParser parser;
    private Element body;
    private int elements;

    BodyParser(ParserLimits limits) {
        this.parser = new XmlStreamParser(limits, this, true);
    }

    /** The single top-level element of {@code content}; does not release it. */
    Element parse(ByteBuf content) throws XmlStreamException {
        body = null;
        elements = 0;
        int from = skipDeclaration(content);
        try {
            parser.feed(content.slice(from, content.writerIndex() - from));
            parser.endOfInput();
        } finally {
            parser.reset();
        }
        if (elements != 1) {
            throw new XmlStreamException(XmlStreamException.Kind.NOT_WELL_FORMED,
                    elements == 0 ? "the request holds no <body/>" : "the request holds more than one element");
        }
        return body;
    }

    /**
     * Where the element starts. The fragment parser takes the declaration for a processing
     * instruction (it is not at the start of its document), so it is skipped here.
     */
    private static int skipDeclaration(ByteBuf content) {
        int i = content.readerIndex();
        int end = content.writerIndex();
        while (i < end && isSpace(content.getByte(i))) i++;
        if (end - i < DECLARATION.length) return i;
        for (int k = 0; k < DECLARATION.length; k++) {
            if (content.getByte(i + k) != DECLARATION[k]) return i;
        }
        for (int j = i + DECLARATION.length; j + 1 < end; j++) {
            if (content.getByte(j) == '?' && content.getByte(j + 1) == '>') return j + 2;
        }
        return i; // unterminated: let the parser say what is wrong
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    @Override
    public void streamOpened(StreamHeader header) { }

    @Override
    public void element(Element e) {
        elements++;
        body = e;
    }

    @Override
    public void streamClosed() { }
}
