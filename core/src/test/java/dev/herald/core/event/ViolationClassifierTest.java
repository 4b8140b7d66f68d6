package dev.herald.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.testing.Vectors;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ViolationClassifierTest {

    static Stream<JsonNode> seedCases() {
        return StreamSupport.stream(Vectors.seedParity().get("violation_classification").spliterator(), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedCases")
    void classifiesEveryViolationAsTheSeedDid(JsonNode vector) {
        String code = vector.get("code").isNull() ? null : vector.get("code").asText();
        String reason = vector.get("reason").isNull() ? null : vector.get("reason").asText();
        Violation violation = code == null && reason == null ? null : Violation.of(reason, "d", code, Map.of());

        assertThat(ViolationClassifier.classify(violation).name()).isEqualTo(vector.get("seed_event").asText());
    }
}
