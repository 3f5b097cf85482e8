package dev.meerkat.xml;

/**
 * Limits enforced while parsing, before a stanza is built: the bytes of one top-level element
 * (MongooseIM's max_stanza_size, default 64 KiB), nesting depth below the root, and attributes
 * per element.
 */
public record ParserLimits(int maxStanzaBytes, int maxDepth, int maxAttributes) {
    public static final ParserLimits DEFAULT = new ParserLimits(65_536, 64, 64);

    public ParserLimits {
        if (maxStanzaBytes < 1024) throw new IllegalArgumentException("maxStanzaBytes must be at least 1024");
        if (maxDepth < 4) throw new IllegalArgumentException("maxDepth must be at least 4");
        if (maxAttributes < 8) throw new IllegalArgumentException("maxAttributes must be at least 8");
    }
}
