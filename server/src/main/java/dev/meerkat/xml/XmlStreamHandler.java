package dev.meerkat.xml;

/** Receives what an {@link XmlStreamParser} reads, in order, on the thread that feeds it. */
public interface XmlStreamHandler {
    /** The stream's root element opened (stream mode only). */
    void streamOpened(StreamHeader header);

    /** A complete top-level element: a child of the root in stream mode, a root in fragment mode. */
    void element(Element element);

    /** The root element was closed (stream mode only). */
    void streamClosed();
}
