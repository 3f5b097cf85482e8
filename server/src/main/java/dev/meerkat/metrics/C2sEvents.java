package dev.meerkat.metrics;

/**
 * What the client-stream code reports that no hook shows: stream errors it sends and stream
 * management (XEP-0198) detaching and resumption. The session
 * code calls it; {@link #NONE} is for code and tests that do not count.
 */
public interface C2sEvents {
    C2sEvents NONE = condition -> { };

    /** The server sent a stream error with this condition ({@code policy-violation}, {@code conflict}...). */
    void streamError(String condition);

    /** A session's connection died and XEP-0198 keeps it for resumption. */
    default void smDetached() { }

    /** A new stream took over a detached session (XEP-0198 {@code <resumed/>}). */
    default void smResumed() { }

    /** A {@code <resume/>} was refused ({@code <failed/>}). */
    default void smResumeFailed() { }
}
