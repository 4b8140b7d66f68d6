package dev.herald.templates;

import static dev.herald.templates.TestSupport.endpointUsing;
import static dev.herald.templates.TestSupport.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Whatever a value holds, every position of every syntax renders valid JSON that gives the value back: in the
 * seed's default template, in a seed template with a placeholder in every position, and in a native template
 * written with Herald's helpers, for values of up to a hundred thousand characters. Unpaired surrogates have no
 * UTF-8 form; Herald sends them as U+FFFD, everywhere, which {@link #expected}
 * states.
 */
class EscapingPropertyTest {
    private static final String SEED = "{\"whole\": \"{{user}}\", \"inside\": \"<{{user}}>\", \"value\": {{user}},"
            + " \"meta\": {{metadata}}, \"dotted\": \"{{metadata.v}}\", \"dottedValue\": {{metadata.v}},"
            + " \"dottedInside\": \"[{{ metadata.v }}]\"}";
    private static final String NATIVE = "{\"json\": ${json(user)}, \"text\": \"<${jsonText(user)}>\","
            + " \"str\": ${jsonString(user)}, \"fm\": \"${(user!\"\")?json_string}\", \"meta\": ${json(metadata)},"
            + " \"at\": ${json(at(\"metadata.v\"))}, \"hash\": ${jsonString[\"metadata.v\"]}}";

    private static final FreemarkerTemplateRenderer RENDERER = new FreemarkerTemplateRenderer(TemplateConfig.builder()
            .maxOutputBytes(32 << 20)
            .namedTemplate("seed", SEED)
            .namedTemplate("native", NATIVE)
            .build());

    /** Characters that break naive JSON, surrogates alone and in pairs, and everything else. */
    private static Gen<String> pieces() {
        Gen<String> hostile = Generate.pick(List.of("\"", "\\", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u001f",
                "\u007f", "\u2028", "\u2029", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uD83D\uDE00", "/", "</",
                "{{", "}}", "${", "<#", "null", "\",\"admin\":true,\"", "é", "日"));
        Gen<String> anyUnit = integers().between(0, 0xFFFF).map(c -> String.valueOf((char) c.intValue()));
        Gen<String> ascii = integers().between(0x20, 0x7E).map(c -> String.valueOf((char) c.intValue()));
        return hostile.mix(anyUnit, 40).mix(ascii, 30);
    }

    private static Gen<String> strings(int min, int max) {
        return lists().of(pieces()).ofSizeBetween(min, max).map(l -> String.join("", l));
    }

    /** What a string becomes on the wire: itself, with each unpaired surrogate replaced by U+FFFD. */
    static String expected(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    @Test
    void shortHostileValuesRoundTripInEveryPosition() {
        qt().withExamples(1500).forAll(strings(0, 40)).checkAssert(EscapingPropertyTest::roundTrips);
    }

    @Test
    void longValuesRoundTripInEveryPosition() {
        qt().withExamples(30).withShrinkCycles(20).forAll(strings(2_000, 30_000)).checkAssert(EscapingPropertyTest::roundTrips);
    }

    @Test
    void valuesOfAHundredThousandCharactersRoundTripInEveryPosition() {
        qt().withExamples(6).withShrinkCycles(5).forAll(strings(80_000, 100_000))
                .checkAssert(EscapingPropertyTest::roundTrips);
    }

    @Test
    void theReplacementRuleItself() {
        assertThat(expected("a\uD800b\uDC00c\uD83D\uDE00")).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00");
        roundTrips("a\uD800");
        roundTrips("\uDC00\uD800");
        roundTrips("");
    }

    private static void roundTrips(String value) {
        // The value is a key too, unless longer than receivers (Jackson among them) accept names.
        String key = value.length() <= 1000 ? value : value.substring(0, 1000);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("v", value);
        metadata.put(key, value);
        Event e = event(EventType.TOOL_SUCCESS).context(new RequestContext(value, value, value, null))
                .metadata(metadata).build();
        String want = expected(value);
        Map<String, String> wantMeta = new LinkedHashMap<>();
        wantMeta.put("v", want);
        wantMeta.put(expected(key), want);

        JsonNode seedDefault = parseStrictUtf8(RENDERER.select(e, TestSupport.PLAIN_ENDPOINT).render(e));
        assertThat(seedDefault.get("user").asText()).isEqualTo(want);
        assertThat(seedDefault.get("request_id").asText()).isEqualTo(want);
        assertThat(seedDefault.get("tenant_id").asText()).isEqualTo(want);
        assertThat(seedDefault.get("server_id").isNull()).isTrue();
        assertThat(asMap(seedDefault.get("metadata"))).isEqualTo(wantMeta);

        JsonNode seed = parseStrictUtf8(RENDERER.select(e, endpointUsing("seed")).render(e));
        assertThat(seed.get("whole").asText()).isEqualTo(want);
        assertThat(seed.get("inside").asText()).isEqualTo("<" + want + ">");
        assertThat(seed.get("value").asText()).isEqualTo(want);
        assertThat(asMap(seed.get("meta"))).isEqualTo(wantMeta);
        assertThat(seed.get("dotted").asText()).isEqualTo(want);
        assertThat(seed.get("dottedValue").asText()).isEqualTo(want);
        assertThat(seed.get("dottedInside").asText()).isEqualTo("[" + want + "]");
        assertThat(seed.size()).isEqualTo(7);

        JsonNode fm = parseStrictUtf8(RENDERER.select(e, endpointUsing("native")).render(e));
        assertThat(fm.get("json").asText()).isEqualTo(want);
        assertThat(fm.get("text").asText()).isEqualTo("<" + want + ">");
        assertThat(fm.get("str").asText()).isEqualTo(want);
        assertThat(fm.get("fm").asText()).isEqualTo(want);
        assertThat(asMap(fm.get("meta"))).isEqualTo(wantMeta);
        assertThat(fm.get("at").asText()).isEqualTo(want);
        assertThat(fm.get("hash").asText()).isEqualTo(want);
        assertThat(fm.size()).isEqualTo(7);
    }

    private static Map<String, Object> asMap(JsonNode node) {
        return TestSupport.JSON.convertValue(node, new TypeReference<Map<String, Object>>() { });
    }

    /** The bytes must be strict UTF-8 and one strict JSON value. */
    private static JsonNode parseStrictUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return TestSupport.JSON.readerFor(JsonNode.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(bytes);
        } catch (CharacterCodingException e) {
            throw new AssertionError("not UTF-8", e);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }
}
