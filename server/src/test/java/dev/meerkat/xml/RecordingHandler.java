package dev.meerkat.xml;

import java.util.ArrayList;
import java.util.List;

/** Records parser callbacks in order: StreamHeader, Element, or the string "closed". */
final class RecordingHandler implements XmlStreamHandler {
    static final String CLOSED = "closed";
    final List<Object> events = new ArrayList<>();

    @Override
    public void streamOpened(StreamHeader header) { events.add(header); }

    @Override
    public void element(Element element) { events.add(element); }

    @Override
    public void streamClosed() { events.add(CLOSED); }

    List<Element> elements() {
        List<Element> out = new ArrayList<>();
        for (Object o : events) if (o instanceof Element e) out.add(e);
        return out;
    }
}
