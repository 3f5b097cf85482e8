package dev.meerkat.load.sasl;

import java.util.Locale;

/** The SASL mechanisms the generator speaks. Channel binding (-PLUS) is not used: load tests measure the common path. */
public enum Mechanism {
    PLAIN("PLAIN", null, null),
    SCRAM_SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1"),
    SCRAM_SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256"),
    SCRAM_SHA_512("SCRAM-SHA-512", "SHA-512", "HmacSHA512");

    private final String wireName;
    final String digest;
    final String hmac;

    Mechanism(String wireName, String digest, String hmac) {
        this.wireName = wireName;
        this.digest = digest;
        this.hmac = hmac;
    }

    public String wireName() { return wireName; }

    public boolean isScram() { return digest != null; }

    /** Accepts the wire name ("SCRAM-SHA-256") or the constant name, in any case. */
    public static Mechanism parse(String s) {
        String n = s.strip().toUpperCase(Locale.ROOT);
        for (Mechanism m : values()) if (m.wireName.equals(n) || m.name().equals(n)) return m;
        throw new IllegalArgumentException("unknown mechanism " + s + " (PLAIN, SCRAM-SHA-1, SCRAM-SHA-256, SCRAM-SHA-512)");
    }
}
