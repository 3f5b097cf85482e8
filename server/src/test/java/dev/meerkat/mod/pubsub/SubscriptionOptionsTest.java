package dev.meerkat.mod.pubsub;

import dev.meerkat.mod.pubsub.model.SubscriptionOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionOptionsTest {
    private static Map<String, List<String>> field(String var, String value) {
        return Map.of("FORM_TYPE", List.of(SubscriptionOptions.FORM_TYPE), var, List.of(value));
    }

    @Test
    void deliverIsABooleanInEitherSpelling() {
        assertThat(SubscriptionOptions.DEFAULT.deliver()).isTrue();
        assertThat(SubscriptionOptions.DEFAULT.with(field(SubscriptionOptions.DELIVER, "0")).deliver()).isFalse();
        assertThat(new SubscriptionOptions(false).with(field(SubscriptionOptions.DELIVER, "true")).deliver()).isTrue();
        assertThat(new SubscriptionOptions(false).with(Map.of()).deliver()).isFalse();
        assertThat(new SubscriptionOptions(false).values()).containsEntry(SubscriptionOptions.DELIVER, List.of("false"));
        assertThatThrownBy(() -> SubscriptionOptions.DEFAULT.with(field(SubscriptionOptions.DELIVER, "yes")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digestsAndBodiesAreAcceptedOnlyWhenOff() {
        assertThat(SubscriptionOptions.DEFAULT.with(field(SubscriptionOptions.DIGEST, "false"))).isEqualTo(SubscriptionOptions.DEFAULT);
        assertThat(SubscriptionOptions.DEFAULT.with(field(SubscriptionOptions.INCLUDE_BODY, "0"))).isEqualTo(SubscriptionOptions.DEFAULT);
        assertThatThrownBy(() -> SubscriptionOptions.DEFAULT.with(field(SubscriptionOptions.DIGEST, "1")))
                .hasMessageContaining("pubsub#digest");
        assertThatThrownBy(() -> SubscriptionOptions.DEFAULT.with(field(SubscriptionOptions.INCLUDE_BODY, "true")))
                .hasMessageContaining("pubsub#include_body");
    }

    @Test
    void unknownOptionsAreRefused() {
        assertThatThrownBy(() -> SubscriptionOptions.DEFAULT.with(field("pubsub#show-values", "away")))
                .hasMessageContaining("pubsub#show-values");
    }
}
