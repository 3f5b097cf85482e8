package dev.meerkat.auth;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** An account's SCRAM credentials, one entry per hash. */
public record StoredCredentials(Map<ScramHash, ScramCredentials> byHash) {
    public StoredCredentials {
        EnumMap<ScramHash, ScramCredentials> copy = new EnumMap<>(ScramHash.class);
        copy.putAll(byHash);
        byHash = java.util.Collections.unmodifiableMap(copy);
    }

    public Optional<ScramCredentials> forHash(ScramHash hash) {
        return Optional.ofNullable(byHash.get(hash));
    }
}
