package dev.herald.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void valuesOfEveryKind() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n\u0001\u2028");
        m.put("i", 3);
        m.put("d", 0.5);
        m.put("big", new BigDecimal("1E+3"));
        m.put("b", false);
        m.put("n", null);
        m.put("l", Arrays.asList(1, null, "x"));
        assertThat(JsonWriter.value(m)).isEqualTo(
                "{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u2028\",\"i\":3,\"d\":0.5,\"big\":1E+3,\"b\":false,\"n\":null,"
                        + "\"l\":[1,null,\"x\"]}");
        assertThat(JsonWriter.value(Double.NaN)).isEqualTo("null");
    }

    @Test
    void threePositions() {
        assertThat(JsonWriter.value("x")).isEqualTo("\"x\"");
        assertThat(JsonWriter.string(null)).isEqualTo("null");
        assertThat(JsonWriter.string(List.of(1))).isEqualTo("\"[1]\"");
        assertThat(JsonWriter.text(null)).isEmpty();
        assertThat(JsonWriter.text("q\"")).isEqualTo("q\\\"");
        assertThat(JsonWriter.text(Map.of("k", "v"))).isEqualTo("{\\\"k\\\":\\\"v\\\"}");
    }

    @Test
    void lengthAsTheSeedMeasuredIt() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1, "é\uD83D\uDE00", true));
        m.put("b", null);
        String compact = "{\"a\":[1,\"é😀\",true],\"b\":null}";
        int codePoints = compact.codePointCount(0, compact.length());
        assertThat(JsonWriter.longerThan(m, codePoints)).isFalse();
        assertThat(JsonWriter.longerThan(m, codePoints - 1)).isTrue();
        assertThat(JsonWriter.longerThan(Map.of(), 2)).isFalse();
        assertThat(JsonWriter.longerThan(Map.of(), 1)).isTrue();
        assertThat(JsonWriter.longerThan(List.of("x".repeat(10_000_000)), 1000)).isTrue();
    }
}
