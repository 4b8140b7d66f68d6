package dev.herald.templates.internal;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events every template is test-rendered with at start-up. Between them they cover what real events
 * vary in: every field present, every optional field missing, and values full of quotes, backslashes, line
 * breaks, control characters and a lone surrogate, which is what catches a native template that pastes a
 * value into a JSON string without escaping it.
 */
final class SampleEvents {
    private static final Instant TIME = Instant.parse("2026-01-02T03:04:05.678901Z");
    private static final String HOSTILE = "Zoë \"quoted\" back\\slash\nnew\tline \u0001 \u2028 </script> \uD800 end";

    /**
     * A sample event and what it stands for, for messages.
     *
     * @param description what the sample has, {@code every field present}
     * @param event the event
     */
    record Sample(String description, Event event) {}

    private SampleEvents() {}

    /** The samples for one event type. */
    static List<Sample> of(EventType type) {
        return List.of(
                new Sample("a sample " + type + " event with every field present", full(type, "sample")),
                new Sample("a sample " + type + " event without user, tenant, server, violation or metadata",
                        Event.builder(type).id("evt_sample_missing").time(TIME).build()),
                new Sample("a sample " + type + " event whose values hold quotes, backslashes and control characters",
                        full(type, HOSTILE)));
    }

    private static Event full(EventType type, String text) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", text);
        details.put("count", 3);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("tool_name", text + " tool");
        metadata.put("error", text + " error");
        metadata.put("prompt_id", text + " prompt");
        metadata.put("resource_uri", "file:///" + text);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("tool_name", text + " tool");
        payload.put("args", Map.of("query", text));
        return Event.builder(type)
                .id("evt_sample_full")
                .time(TIME)
                .context(new RequestContext("req-" + text, text + " user", text + " tenant", text + " server"))
                .violation(new Violation(text + " reason", text + " description", "SAMPLE", details, -32000, 403))
                .metadata(metadata)
                .payload(payload)
                .build();
    }
}
