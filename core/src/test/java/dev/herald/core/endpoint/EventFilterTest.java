package dev.herald.core.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private static Event toolCall(String tool, String user, String tenant, String server) {
        return Event.builder(EventType.TOOL_SUCCESS).context(new RequestContext("r1", user, tenant, server))
                .metadata(Map.of("tool_name", tool)).build();
    }

    @Test
    void acceptsOnlyItsTypes() {
        EventFilter f = EventFilter.of(EventType.TOOL_SUCCESS, EventType.TOOL_ERROR);
        assertThat(f.accepts(toolCall("search", "alice", "acme", "s1"))).isTrue();
        assertThat(f.accepts(Event.builder(EventType.VIOLATION).build())).isFalse();
        assertThat(EventFilter.DEFAULT.accepts(Event.builder(EventType.VIOLATION).build())).isTrue();
    }

    @Test
    void conditionsAreOredAndTheirFieldsAnded() {
        Condition acmeSearch = new Condition(Set.of(), Set.of("acme"), Set.of("search"), Set.of(), Set.of(),
                List.of());
        Condition adminsAnywhere = new Condition(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), List.of("admin"));
        EventFilter f = EventFilter.of(EventType.TOOL_SUCCESS).withConditions(List.of(acmeSearch, adminsAnywhere));

        assertThat(f.accepts(toolCall("search", "alice", "acme", "s1"))).isTrue();
        assertThat(f.accepts(toolCall("search", "alice", "globex", "s1"))).isFalse();
        assertThat(f.accepts(toolCall("delete", "alice", "acme", "s1"))).isFalse();
        assertThat(f.accepts(toolCall("delete", "sysadmin-7", "globex", "s1"))).isTrue();
    }

    @Test
    void anEmptyFieldMeansAnyButANamedFieldNeedsAValue() {
        Condition servers = new Condition(Set.of("s1"), null, null, null, null, null);
        EventFilter f = EventFilter.of(EventType.TOOL_SUCCESS).withConditions(List.of(servers));
        assertThat(f.accepts(toolCall("x", null, null, "s1"))).isTrue();
        assertThat(f.accepts(toolCall("x", null, null, null))).isFalse();
        assertThat(EventFilter.of(EventType.TOOL_SUCCESS).withConditions(List.of(Condition.ANY))
                .accepts(toolCall("x", null, null, null))).isTrue();
    }

    @Test
    void toolsPromptsAndResourcesEachApplyToTheirOwnKindOfEvent() {
        Condition c = new Condition(null, null, Set.of("search"), Set.of("greeting"), Set.of("file:///a"), null);
        EventFilter f = new EventFilter(Set.of(EventType.PROMPT_SUCCESS, EventType.RESOURCE_SUCCESS,
                EventType.TOOL_SUCCESS), List.of(c));
        Event greeting = Event.builder(EventType.PROMPT_SUCCESS).metadata(Map.of("prompt_id", "greeting")).build();
        Event farewell = Event.builder(EventType.PROMPT_SUCCESS).metadata(Map.of("prompt_id", "farewell")).build();
        Event fileA = Event.builder(EventType.RESOURCE_SUCCESS).metadata(Map.of("resource_uri", "file:///a")).build();
        Event fileB = Event.builder(EventType.RESOURCE_SUCCESS).metadata(Map.of("resource_uri", "file:///b")).build();

        assertThat(f.accepts(greeting)).isTrue();
        assertThat(f.accepts(farewell)).isFalse();
        assertThat(f.accepts(fileA)).isTrue();
        assertThat(f.accepts(fileB)).isFalse();
        assertThat(f.accepts(toolCall("search", null, null, null))).isTrue();
        assertThat(f.accepts(toolCall("delete", null, null, null))).isFalse();
    }

    @Test
    void userPatternsMatchAStructuredUsersLabel() {
        Condition c = new Condition(null, null, null, null, null, List.of("@example.com"));
        EventFilter f = EventFilter.of(EventType.TOOL_SUCCESS).withConditions(List.of(c));
        Event e = Event.builder(EventType.TOOL_SUCCESS)
                .context(new RequestContext("r", Map.of("email", "ann@example.com"), null, null)).build();
        assertThat(f.accepts(e)).isTrue();
    }

    @Test
    void needsAtLeastOneType() {
        assertThatThrownBy(() -> new EventFilter(Set.of(), List.of())).hasMessageStartingWith("events:");
    }
}
