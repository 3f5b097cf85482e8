package dev.meerkat.xml;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.in.ReaderConfig;
import com.fasterxml.aalto.stax.InputFactoryImpl;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import java.util.Arrays;

/**
 * Makes Aalto async readers for {@link XmlStreamParser}s and takes them back. One instance is
 * meant to be shared by all the connections of a listener: Aalto keeps its interned element and
 * attribute names and namespace URIs per factory, so a shared factory holds one copy of
 * {@code message}, {@code jabber:client}, ... instead of one per connection (about 2.5 KiB each).
 *
 * <p>A reader returned by {@link #release} gives its text and name buffers back to Aalto's
 * per-thread recycler and merges the names it learnt into the shared table. That table would
 * otherwise grow with every new name any client ever sends, so once it holds more than
 * {@code maxNames} names (looked at every few releases) the factory is replaced by a fresh one (readers already made keep
 * working with the old one, which goes away with them).
 *
 * <p>Thread-safe. A reader must be released on the thread that made it (the recycler it returns
 * its buffers to is that thread's).
 */
public final class XmlReaders {
    /** Far above the few hundred names of real XMPP traffic; bounds what odd clients can add. */
    public static final int DEFAULT_MAX_NAMES = 4096;
    /** The table's size is looked at on every this many releases (looking costs about a reader's set-up). */
    private static final int CHECK_EVERY = 32;

    private final int maxNames;
    /** Releases since the last look at the table; racy increments only make a look come a bit early or late. */
    private int releases;
    private volatile InputFactoryImpl factory = newFactory();
    /** The last stream-root replay seen; nearly every client sends the same header, so parsers share one copy. */
    private volatile byte[] commonReplay = new byte[0];

    public XmlReaders() { this(DEFAULT_MAX_NAMES); }

    public XmlReaders(int maxNames) {
        if (maxNames < 1) throw new IllegalArgumentException("maxNames must be positive");
        this.maxNames = maxNames;
    }

    public AsyncXMLStreamReader<AsyncByteArrayFeeder> newReader() {
        return factory.createAsyncForByteArray();
    }

    /** Closes {@code reader}; null is ignored. */
    public void release(AsyncXMLStreamReader<?> reader) {
        if (reader == null) return;
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // nothing to recover: the reader is discarded either way
        }
        if (++releases < CHECK_EVERY) return;
        releases = 0;
        InputFactoryImpl current = factory;
        if (sharedNames(current) > maxNames) {
            synchronized (this) {
                if (factory == current) factory = newFactory();
            }
        }
    }

    /**
     * {@code replay}, or an equal array already held, so that idle connections with the same
     * stream header share one copy. The arrays are never modified.
     */
    byte[] shared(byte[] replay) {
        byte[] common = commonReplay;
        if (Arrays.equals(common, replay)) return common;
        commonReplay = replay;
        return replay;
    }

    /** How many names the factory's shared UTF-8 table holds (a child table starts as its copy). */
    int sharedNames() { return sharedNames(factory); }

    private static int sharedNames(InputFactoryImpl f) {
        ReaderConfig config = f.getNonSharedConfig(null, null, null, false, false);
        config.setActualEncoding("UTF-8");
        return config.getBBSymbols().size();
    }

    private static InputFactoryImpl newFactory() {
        InputFactoryImpl f = new InputFactoryImpl();
        // No DTD processing and no entity expansion at all: rules out XXE and entity-expansion
        // bombs. Unknown entity references are then reported as events, which the parser rejects.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        return f;
    }
}
