package dev.meerkat.mod.pubsub;

import dev.meerkat.mod.pubsub.model.AccessModel;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeConfigTest {
    @Test
    void pepDefaultsFollowXep0163() {
        NodeConfig c = NodeConfig.pepDefaults();
        assertThat(c.accessModel()).isEqualTo(AccessModel.PRESENCE);
        assertThat(c.maxItems(1000)).isEqualTo(1);
        assertThat(c.sendLast()).isEqualTo("on_sub_and_presence");
    }

    @Test
    void valuesAreCheckedAndCanonical() {
        NodeConfig c = NodeConfig.pepDefaults().with(Map.of("FORM_TYPE", List.of(PubSubNs.NODE_CONFIG),
                NodeConfig.PERSIST_ITEMS, List.of("1"), NodeConfig.MAX_ITEMS, List.of("max")));
        assertThat(c.single(NodeConfig.PERSIST_ITEMS)).contains("true");
        assertThat(c.maxItems(50)).isEqualTo(50);
        assertThat(c.with(Map.of(NodeConfig.MAX_ITEMS, List.of("500"))).maxItems(50)).isEqualTo(50);
        assertThat(c.with(Map.of(NodeConfig.PERSIST_ITEMS, List.of("false"))).maxItems(50)).isEqualTo(1);
        assertThatThrownBy(() -> c.with(Map.of(NodeConfig.ACCESS_MODEL, List.of("authorize")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.with(Map.of(NodeConfig.MAX_ITEMS, List.of("0")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.with(Map.of("pubsub#no_such_field", List.of("x")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.with(Map.of(NodeConfig.DELIVER_PAYLOADS, List.of("yes")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void preconditionsCompareByKindAndUnknownFieldsNeverHold() {
        NodeConfig c = NodeConfig.pepDefaults().with(Map.of(NodeConfig.ACCESS_MODEL, List.of("whitelist"), NodeConfig.MAX_ITEMS, List.of("max")));
        assertThat(c.satisfies(Map.of(NodeConfig.PERSIST_ITEMS, List.of("1"), NodeConfig.ACCESS_MODEL, List.of("whitelist"),
                NodeConfig.MAX_ITEMS, List.of("max"), "FORM_TYPE", List.of(PubSubNs.PUBLISH_OPTIONS)))).isTrue();
        assertThat(c.satisfies(Map.of(NodeConfig.ACCESS_MODEL, List.of("open")))).isFalse();
        assertThat(c.satisfies(Map.of("pubsub#unknown", List.of("x")))).isFalse();
        assertThat(c.satisfies(Map.of(NodeConfig.PERSIST_ITEMS, List.of("maybe")))).isFalse();
    }

    @Test
    void aStoredConfigSurvivesTheFormRoundTripAndDropsUnknownFields() {
        NodeConfig c = NodeConfig.serviceDefaults().with(Map.of(NodeConfig.ROSTER_GROUPS, List.of("Friends", "Family"),
                NodeConfig.TITLE, List.of("News ☃")));
        var stored = DataForms.fields(DataForms.simpleForm(PubSubNs.NODE_CONFIG, "submit", c.values()));
        assertThat(NodeConfig.restore(NodeConfig.serviceDefaults(), stored)).isEqualTo(c);
        var withUnknown = new java.util.LinkedHashMap<>(stored);
        withUnknown.put("pubsub#from_the_future", List.of("1"));
        assertThat(NodeConfig.restore(NodeConfig.serviceDefaults(), withUnknown)).isEqualTo(c);
    }
}
