package dev.herald.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void theNineBuiltInTypesAreTheSeedsInItsOrder() {
        List<String> seed = new ArrayList<>();
        for (JsonNode n : Vectors.seedParity().get("event_types")) {
            seed.add(n.asText());
        }
        assertThat(EventType.BUILT_IN).extracting(EventType::name).containsExactlyElementsOf(seed);
        assertThat(EventType.of("tool_error")).isSameAs(EventType.TOOL_ERROR);
        assertThat(EventType.TOOL_ERROR.isBuiltIn()).isTrue();
    }

    @Test
    void customTypesAreLowerCaseDottedNames() {
        EventType custom = EventType.of("billing.invoice_paid");
        assertThat(custom.isBuiltIn()).isFalse();
        assertThat(custom).isEqualTo(new EventType("billing.invoice_paid"));
    }

    @Test
    void refusesTypesOutsideTheAlphabetNamingTheValue() {
        assertThatThrownBy(() -> EventType.of("Tool-Error")).hasMessageContaining("\"Tool-Error\"")
                .hasMessageContaining("[a-z0-9_.]+");
        assertThatThrownBy(() -> EventType.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventType.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
