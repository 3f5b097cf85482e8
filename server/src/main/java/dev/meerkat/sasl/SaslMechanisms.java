package dev.meerkat.sasl;

import dev.meerkat.auth.ScramHash;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Builds mechanisms from the MongooseIM-style names of {@code auth.sasl_mechanisms}. */
public final class SaslMechanisms {
    /** MongooseIM's default {@code scram_iterations}. */
    public static final int DEFAULT_SCRAM_ITERATIONS = 10_000;

    private static final List<String> NAMES = List.of("scram_sha512_plus", "scram_sha512", "scram_sha256_plus",
            "scram_sha256", "scram_sha1_plus", "scram_sha1", "plain");

    private SaslMechanisms() {}

    /** All names, most preferred first. */
    public static List<String> allNames() { return NAMES; }

    /**
     * Mechanisms for the names, in the given order.
     *
     * @param random         source of server nonces
     * @param fakeSaltSecret secret for the salts shown to unknown users (see {@link ScramMechanism})
     * @param scramIterations the iteration count new accounts get, shown to unknown users as well
     * @throws IllegalArgumentException naming an unknown mechanism
     */
    public static List<SaslMechanism> fromConfigNames(List<String> names, SecureRandom random, byte[] fakeSaltSecret,
                                                      int scramIterations) {
        List<SaslMechanism> result = new ArrayList<>(names.size());
        for (String name : names) {
            result.add(switch (name) {
                case "plain" -> new PlainMechanism();
                case "scram_sha512_plus" -> scram(ScramHash.SHA512, true, random, fakeSaltSecret, scramIterations);
                case "scram_sha512" -> scram(ScramHash.SHA512, false, random, fakeSaltSecret, scramIterations);
                case "scram_sha256_plus" -> scram(ScramHash.SHA256, true, random, fakeSaltSecret, scramIterations);
                case "scram_sha256" -> scram(ScramHash.SHA256, false, random, fakeSaltSecret, scramIterations);
                case "scram_sha1_plus" -> scram(ScramHash.SHA1, true, random, fakeSaltSecret, scramIterations);
                case "scram_sha1" -> scram(ScramHash.SHA1, false, random, fakeSaltSecret, scramIterations);
                default -> throw new IllegalArgumentException("unknown SASL mechanism: " + name);
            });
        }
        return List.copyOf(result);
    }

    /**
     * As above with a new {@link SecureRandom}, a fresh random fake-salt secret and
     * {@link #DEFAULT_SCRAM_ITERATIONS}. The secret lives only as long as these mechanisms, so the
     * salts shown to unknown users change on restart; pass a persistent one where that matters.
     */
    public static List<SaslMechanism> fromConfigNames(List<String> names) {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return fromConfigNames(names, random, secret, DEFAULT_SCRAM_ITERATIONS);
    }

    private static SaslMechanism scram(ScramHash hash, boolean plus, SecureRandom random, byte[] secret, int iterations) {
        return new ScramMechanism(hash, plus, random, secret, iterations);
    }
}
