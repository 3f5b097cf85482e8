package dev.meerkat.c2s;

import dev.meerkat.sasl.ChannelBinding;
import dev.meerkat.xml.Element;

import java.net.InetSocketAddress;

/**
 * What carries a client stream: TCP (plain or TLS), WebSocket or BOSH. The {@link ClientSession}
 * above it does not know which. Methods are called from the session's executor; implementations
 * hand socket work to their event loop and keep the order of calls.
 */
public interface StreamTransport {
    /** Opens the server's side of the stream in this transport's framing. */
    void openStream(String from, String id, String to);

    /** Queues a top-level element (stanza, features, SASL, errors) for writing. */
    void write(Element element);

    /** Writes everything queued. Called once per batch of work by the session. */
    void flush();

    /** Closes the server's side of the stream, flushes, and closes the connection. */
    void closeStream();

    /** Drops the connection without a closing tag (the peer is gone or misbehaved beyond words). */
    void abort();

    /** True if STARTTLS can be offered (TCP with a TLS context, not yet secured). */
    boolean canStartTls();

    /**
     * Starts TLS: writes {@code <proceed/>} in the clear and everything after it encrypted, and
     * expects a new stream from the client.
     */
    void startTls(Element proceed);

    /** The client will open a new stream (after SASL success): forget the old parser state. */
    void restartStream();

    boolean isSecure();

    ChannelBinding channelBinding();

    InetSocketAddress remoteAddress();

    /** "tcp", "tls", "websocket" or "bosh" (for logs and metrics). */
    String name();

    /** Stop or resume reading from the client (back-pressure from a long inbound queue). */
    void setReading(boolean reading);
}
