package dev.meerkat.sasl;

/**
 * One SASL exchange. {@link #step} receives the decoded bytes of {@code <auth/>} (the initial
 * response, empty array when the client sent "=" or nothing) and then of each {@code <response/>}.
 * It may block (credential look-up), so callers run it off the event loop. Not thread-safe.
 */
public interface SaslNegotiation {
    SaslStep step(byte[] response);
}
