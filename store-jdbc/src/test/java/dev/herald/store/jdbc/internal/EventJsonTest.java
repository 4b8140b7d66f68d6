package dev.herald.store.jdbc.internal;

import static dev.herald.store.testkit.StoreFixtures.assertSameEvent;
import static dev.herald.store.testkit.StoreFixtures.plainEvent;
import static dev.herald.store.testkit.StoreFixtures.richEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    private final EventJson json = new EventJson();

    @Test
    void anEventWithEveryFieldReadsBackEqual() {
        Event event = richEvent("evt_1");

        Event back = json.read(json.write(event));

        assertSameEvent(back, event);
        assertThat(back.metadata().get("huge")).isEqualTo(BigInteger.TWO.pow(70));
        assertThat(back.metadata().get("big")).isEqualTo(5_000_000_000L);
        assertThat(back.time().getNano()).isEqualTo(123_456_789);
    }

    @Test
    void anEventWithoutContextViolationOrPayloadReadsBackWithout() {
        Event event = plainEvent("evt_2");

        Event back = json.read(json.write(event));

        assertSameEvent(back, event);
        assertThat(back.context()).isEqualTo(RequestContext.NONE);
        assertThat(back.violation()).isEmpty();
        assertThat(back.payload()).isEmpty();
    }

    @Test
    void aViolationWithOnlySomeFieldsAndAStringUserReadBackAsTheyWere() {
        Event event = Event.builder(EventType.VIOLATION).id("evt_3")
                .context(new RequestContext(null, "bob", null, "srv"))
                .violation(Violation.of("blocked", null, null, null))
                .payload("just text")
                .build();

        Event back = json.read(json.write(event));

        assertSameEvent(back, event);
    }

    @Test
    void numbersJsonCannotTellApartReadBackWidenedWithTheSameText() {
        Event event = Event.builder(EventType.TOOL_SUCCESS).id("evt_4")
                .metadata(Map.of("short", (short) 3, "float", 1.5f)).build();

        Event back = json.read(json.write(event));

        assertThat(back.metadata()).isEqualTo(Map.of("short", 3, "float", 1.5));
    }

    @Test
    void whatIsNotAStoredEventIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> json.read("{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stored event: not JSON");
        assertThatThrownBy(() -> json.read("{\"v\": 9, \"id\": \"x\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored event: unknown format 9, expected 1");
        assertThatThrownBy(() -> json.read("{\"v\": 1, \"id\": \"x\", \"type\": \"violation\", \"time\": \"soon\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'time' is not an instant: soon");
        assertThatThrownBy(() -> json.read("{\"v\": 1, \"id\": 5, \"type\": \"violation\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'id' must be a string");
        assertThatThrownBy(() -> json.read("{\"v\": 1, \"id\": \"x\", \"type\": \"violation\","
                + " \"time\": \"2026-01-01T00:00:00Z\", \"metadata\": [1]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'metadata' must be an object");
    }

    @Test
    void theDocumentCarriesItsFormatAndTheGatewayFieldNames() {
        String doc = json.write(richEvent("evt_5"));

        assertThat(doc).startsWith("{\"v\":1,\"id\":\"evt_5\",\"type\":\"pii_detected\"")
                .contains("\"request_id\":\"req-1\"", "\"tenant_id\":\"acme\"", "\"mcp_error_code\":-32001");
        assertThat(List.of(doc.split("\n"))).hasSize(1);
    }
}
