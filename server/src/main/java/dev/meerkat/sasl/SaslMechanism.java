package dev.meerkat.sasl;

/** A server-side SASL mechanism; stateless and shared, it starts one negotiation per attempt. */
public interface SaslMechanism {
    /** The IANA name, e.g. {@code SCRAM-SHA-256-PLUS}. */
    String name();

    /** True for -PLUS mechanisms: offered only when the stream has channel binding. */
    boolean needsChannelBinding();

    /** True for mechanisms that reveal the password to the server (PLAIN): offered only over TLS unless allowed. */
    boolean sendsPlainPassword();

    SaslNegotiation start(SaslContext context);
}
