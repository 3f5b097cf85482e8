package dev.meerkat.admin;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    @Test
    void roundTrips() {
        String text = "{\"a\":\"x\\\"y\\n\\u00e9\",\"b\":[1,2.5,true,false,null],\"c\":{}}";
        Object v = Json.parse(text);
        assertThat(v).isEqualTo(Map.of("a", "x\"y\né", "b", java.util.Arrays.asList(1L, 2.5, true, false, null), "c", Map.of()));
        assertThat(Json.parse(Json.write(v))).isEqualTo(v);
        assertThat(Json.write(List.of("\u0001"))).isEqualTo("[\"\\u0001\"]");
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "\"abc", "tru", "{} x", "[".repeat(100))) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
