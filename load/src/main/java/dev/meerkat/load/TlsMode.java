package dev.meerkat.load;

import java.util.Locale;

/** How a client secures its stream. */
public enum TlsMode {
    /** Plain TCP all the way (the server must offer the chosen mechanism without TLS). */
    NONE,
    /** Plain TCP upgraded with STARTTLS before authenticating. */
    STARTTLS,
    /** TLS from the first byte (XEP-0368). */
    DIRECT;

    public static TlsMode parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "none", "plain" -> NONE;
            case "starttls" -> STARTTLS;
            case "direct", "tls" -> DIRECT;
            default -> throw new IllegalArgumentException("unknown TLS mode " + s + " (none, starttls, direct)");
        };
    }
}
