package dev.herald.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventTest {

    @Test
    void idsAreUniqueAndSortByCreation() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Event.builder(EventType.TOOL_SUCCESS).build().id());
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        assertThat(ids).isSorted();
        assertThat(ids.get(0)).matches("evt_[0-9a-f]{32}");
    }

    @Test
    void isAFrozenCopyOfWhatTheHostHandedOver() {
        Map<String, Object> metadata = new HashMap<>();
        List<Object> list = new ArrayList<>(List.of("a"));
        metadata.put("list", list);
        metadata.put("tool_name", "search");
        Event event = Event.builder(EventType.TOOL_SUCCESS).metadata(metadata).build();

        metadata.put("tool_name", "changed");
        list.add("b");

        assertThat(event.metadata()).containsEntry("tool_name", "search");
        assertThat(event.metadata().get("list")).isEqualTo(List.of("a"));
        assertThatThrownBy(() -> event.metadata().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsNullsAndOrderAsJsonDoes() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("z", null);
        metadata.put("a", List.of(1, "two"));
        Event event = Event.builder(EventType.TOOL_SUCCESS).metadata(metadata).build();

        assertThat(event.metadata().keySet()).containsExactly("z", "a");
        assertThat(event.metadata()).containsEntry("z", null);
    }

    @Test
    void refusesValuesThatAreNotJsonNamingWhere() {
        assertThatThrownBy(() -> Event.builder(EventType.TOOL_SUCCESS)
                .metadata(Map.of("when", Instant.EPOCH)).build())
                .hasMessageContaining("metadata.when").hasMessageContaining("not a JSON value");
        assertThatThrownBy(() -> Event.builder(EventType.TOOL_SUCCESS)
                .metadata(Map.of("n", Double.NaN)).build())
                .hasMessageContaining("metadata.n");
    }

    @Test
    void aStructuredUserIsLabelledByItsEmail() {
        RequestContext ctx = new RequestContext("r1", Map.of("id", "u-7", "email", "ann@example.com"), "acme", "s1");
        assertThat(ctx.userLabel()).isEqualTo("ann@example.com");
        assertThat(new RequestContext("r1", "bob", null, null).userLabel()).isEqualTo("bob");
        assertThat(RequestContext.NONE.userLabel()).isNull();
    }

    @Test
    void keepsTheHostsIdAndTimeWhenGiven() {
        Instant t = Instant.parse("2026-11-29T12:00:00Z");
        Event e = Event.builder(EventType.VIOLATION).id("evt_host").time(t).build();
        assertThat(e.id()).isEqualTo("evt_host");
        assertThat(e.time()).isEqualTo(t);
        assertThat(e.toBuilder().type(EventType.PII_DETECTED).build().id()).isEqualTo("evt_host");
        Set<String> seen = new HashSet<>();
        assertThat(seen.add(e.id())).isTrue();
    }

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void carriesAValidTraceContextThroughACopy() {
        Event e = Event.builder(EventType.TOOL_SUCCESS).traceContext(PARENT, "congo=t61rcWkgMzE").build();
        assertThat(e.traceParent()).contains(PARENT);
        assertThat(e.traceState()).contains("congo=t61rcWkgMzE");
        Event copy = e.toBuilder().type(EventType.TOOL_ERROR).build();
        assertThat(copy.traceParent()).contains(PARENT);
        assertThat(copy.traceState()).contains("congo=t61rcWkgMzE");
        assertThat(Event.builder(EventType.TOOL_SUCCESS).build().traceParent()).isEmpty();
    }

    @Test
    void dropsATraceParentThatIsNotW3cVersion00AndItsStateWithIt() {
        List<String> invalid = List.of("", "garbage", PARENT.toUpperCase(java.util.Locale.ROOT),
                "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
                PARENT + "\r\nX-Admin: 1");
        for (String parent : invalid) {
            Event e = Event.builder(EventType.TOOL_SUCCESS).traceContext(parent, "congo=t61rcWkgMzE").build();
            assertThat(e.traceParent()).as(parent).isEmpty();
            assertThat(e.traceState()).as(parent).isEmpty();
        }
    }

    @Test
    void dropsAnInvalidTraceStateButKeepsItsParent() {
        for (String state : List.of("a=1\r\nX-Admin: 1", "x".repeat(513), " ", "caf\u00e9=1")) {
            Event e = Event.builder(EventType.TOOL_SUCCESS).traceContext(PARENT, state).build();
            assertThat(e.traceParent()).contains(PARENT);
            assertThat(e.traceState()).isEmpty();
        }
    }
}
