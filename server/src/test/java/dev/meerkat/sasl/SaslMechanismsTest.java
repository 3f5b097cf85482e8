package dev.meerkat.sasl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SaslMechanismsTest {
    @Test
    void allNamesInPreferenceOrder() {
        assertThat(SaslMechanisms.allNames()).containsExactly("scram_sha512_plus", "scram_sha512",
                "scram_sha256_plus", "scram_sha256", "scram_sha1_plus", "scram_sha1", "plain");
    }

    @Test
    void mapsConfigNamesToMechanisms() {
        List<SaslMechanism> all = SaslMechanisms.fromConfigNames(SaslMechanisms.allNames());
        assertThat(all).extracting(SaslMechanism::name).containsExactly("SCRAM-SHA-512-PLUS", "SCRAM-SHA-512",
                "SCRAM-SHA-256-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-1", "PLAIN");
        assertThat(all).extracting(SaslMechanism::needsChannelBinding)
                .containsExactly(true, false, true, false, true, false, false);
        assertThat(all).extracting(SaslMechanism::sendsPlainPassword)
                .containsExactly(false, false, false, false, false, false, true);
    }

    @Test
    void keepsGivenOrder() {
        assertThat(SaslMechanisms.fromConfigNames(List.of("plain", "scram_sha1")))
                .extracting(SaslMechanism::name).containsExactly("PLAIN", "SCRAM-SHA-1");
    }

    @Test
    void unknownNameIsNamed() {
        assertThatThrownBy(() -> SaslMechanisms.fromConfigNames(List.of("scram_sha256", "digest_md5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("digest_md5");
    }
}
