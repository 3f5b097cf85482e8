package dev.meerkat.auth;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** An account's SCRAM credentials, one entry per hash. */
public record StoredCredentials(Map<ScramHash, ScramCredentials> byHash) {
    public StoredCredentials {
        byHash = Map.copyOf(new EnumMap<>(byHash));
    }

    public Optional<ScramCredentials> forHash(ScramHash hash) {
        return Optional.ofNullable(byHash.get(hash));
    }
}
