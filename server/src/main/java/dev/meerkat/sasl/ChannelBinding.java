package dev.meerkat.sasl;

import java.util.Optional;
import java.util.Set;

/**
 * Channel-binding data of the TLS connection a SASL exchange runs over (RFC 5056), for the SCRAM
 * -PLUS mechanisms. Types are the IANA names: {@code tls-exporter} (RFC 9266, TLS 1.3 only) and
 * {@code tls-server-end-point} (RFC 5929).
 */
public interface ChannelBinding {
    ChannelBinding NONE = new ChannelBinding() {
        @Override public Set<String> types() { return Set.of(); }

        @Override public Optional<byte[]> data(String type) { return Optional.empty(); }
    };

    /** The binding types this connection can provide; empty without TLS. */
    Set<String> types();

    /** The binding data for a type, or empty if this connection cannot provide it. */
    Optional<byte[]> data(String type);
}
