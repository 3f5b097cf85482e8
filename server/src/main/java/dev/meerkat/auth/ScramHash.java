package dev.meerkat.auth;

/** The hash functions SCRAM is offered with (RFC 5802, RFC 7677, and SHA-512 as in XEP-0438 practice). */
public enum ScramHash {
    SHA1("SHA-1", "HmacSHA1", 20),
    SHA256("SHA-256", "HmacSHA256", 32),
    SHA512("SHA-512", "HmacSHA512", 64);

    private final String digest;
    private final String hmac;
    private final int length;

    ScramHash(String digest, String hmac, int length) {
        this.digest = digest;
        this.hmac = hmac;
        this.length = length;
    }

    /** JCA MessageDigest name. */
    public String digestAlgorithm() { return digest; }

    /** JCA Mac name. */
    public String hmacAlgorithm() { return hmac; }

    /** Output length in bytes. */
    public int length() { return length; }

    /** The SASL mechanism name without "-PLUS", e.g. SCRAM-SHA-256. */
    public String mechanismName() { return "SCRAM-" + digest; }
}
