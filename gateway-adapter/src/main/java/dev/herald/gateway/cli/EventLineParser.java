package dev.herald.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads one event from a JSON line with the template keys: {@code event} (required), {@code request_id},
 * {@code user}, {@code tenant_id}, {@code server_id}, {@code violation}, {@code metadata}, {@code payload}, and
 * optionally {@code timestamp} (ISO-8601) and {@code event_id}.
 */
final class EventLineParser {
    private static final Set<String> KEYS = Set.of("event", "request_id", "user", "tenant_id", "server_id",
            "violation", "metadata", "payload", "timestamp", "event_id", "plugin_name");
    private final ObjectMapper json = new ObjectMapper();

    /** The event the line describes; IllegalArgumentException says what is wrong with it. */
    Event parse(String line) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'; known: " + String.join(", ",
                        KEYS.stream().sorted().toList()));
            }
        }
        JsonNode type = node.get("event");
        if (type == null || !type.isTextual()) {
            throw new IllegalArgumentException("event: required, the event type as a string");
        }
        Event.Builder b = Event.builder(EventType.of(type.asText()));
        b.context(new RequestContext(text(node, "request_id"), value(node.get("user")), text(node, "tenant_id"),
                text(node, "server_id")));
        JsonNode violation = node.get("violation");
        if (violation != null && !violation.isNull()) {
            if (!violation.isObject()) {
                throw new IllegalArgumentException("violation: must be an object");
            }
            b.violation(Violation.of(text(violation, "reason"), text(violation, "description"),
                    text(violation, "code"), map(violation.get("details"), "violation.details")));
        }
        b.metadata(map(node.get("metadata"), "metadata"));
        b.payload(value(node.get("payload")));
        String id = text(node, "event_id");
        if (id != null) {
            b.id(id);
        }
        String timestamp = text(node, "timestamp");
        if (timestamp != null) {
            try {
                b.time(OffsetDateTime.parse(timestamp).toInstant());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("timestamp: not an ISO-8601 date-time with offset: " + timestamp);
            }
        } else {
            b.time(Instant.now());
        }
        return b.build();
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(key + ": must be a string");
        }
        return v.asText();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(what + ": must be an object");
        }
        return json.convertValue(node, Map.class);
    }

    private Object value(JsonNode node) {
        return node == null || node.isNull() ? null : json.convertValue(node, Object.class);
    }
}
