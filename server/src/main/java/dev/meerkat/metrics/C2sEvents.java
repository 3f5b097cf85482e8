package dev.meerkat.metrics;

/**
 * What the client-stream code reports that no hook shows: stream errors it sends. The session
 * code calls it; {@link #NONE} is for code and tests that do not count.
 */
public interface C2sEvents {
    C2sEvents NONE = condition -> { };

    /** The server sent a stream error with this condition ({@code policy-violation}, {@code conflict}...). */
    void streamError(String condition);
}
