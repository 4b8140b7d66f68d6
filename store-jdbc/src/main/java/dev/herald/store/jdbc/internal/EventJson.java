package dev.herald.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as the stores keep it: one JSON object with every field, read back into an equal event after a restart
 * so that it renders the same body again.
 *
 * <p>JSON-like values come back as JSON gives them: strings, booleans, null, lists, maps in their order, whole
 * numbers as {@code Integer}, {@code Long} or {@code BigInteger} by size, other numbers as {@code Double}. A host's
 * {@code Short} or {@code Float} therefore reads back widened, with the same JSON text.
 */
public final class EventJson {
    /** The version of this layout, kept in each document so that a later Herald can read older rows. */
    static final int FORMAT = 1;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private final ObjectMapper mapper = new ObjectMapper();

    /** The event as one JSON document. */
    public String write(Event event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("v", FORMAT);
        doc.put("id", event.id());
        doc.put("type", event.type().name());
        doc.put("time", event.time().toString());
        RequestContext c = event.context();
        putIfPresent(doc, "request_id", c.requestId());
        putIfPresent(doc, "user", c.user());
        putIfPresent(doc, "tenant_id", c.tenantId());
        putIfPresent(doc, "server_id", c.serverId());
        event.violation().ifPresent(v -> doc.put("violation", violation(v)));
        doc.put("metadata", event.metadata());
        event.payload().ifPresent(p -> doc.put("payload", p));
        try {
            return mapper.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            // An event holds only JSON-like values, checked when it was built.
            throw new IllegalStateException("event " + event.id() + " could not be written as JSON", e);
        }
    }

    /** The event a document of {@link #write} holds; a clear error when it is not one. */
    public Event read(String json) {
        Map<String, Object> doc;
        try {
            doc = mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored event: not JSON (" + e.getOriginalMessage() + ")", e);
        }
        Object format = doc.get("v");
        if (!Integer.valueOf(FORMAT).equals(format)) {
            throw new IllegalArgumentException("stored event: unknown format " + format + ", expected " + FORMAT);
        }
        return Event.builder(EventType.of(string(doc, "type", true)))
                .id(string(doc, "id", true))
                .time(time(doc))
                .context(new RequestContext(string(doc, "request_id", false), doc.get("user"),
                        string(doc, "tenant_id", false), string(doc, "server_id", false)))
                .violation(violation(doc.get("violation")))
                .metadata(map(doc.get("metadata"), "metadata"))
                .payload(doc.get("payload"))
                .build();
    }

    private static Map<String, Object> violation(Violation v) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfPresent(m, "reason", v.reason());
        putIfPresent(m, "description", v.description());
        putIfPresent(m, "code", v.code());
        m.put("details", v.details());
        putIfPresent(m, "mcp_error_code", v.mcpErrorCode());
        putIfPresent(m, "http_status_code", v.httpStatusCode());
        return m;
    }

    private static Violation violation(Object value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> m = map(value, "violation");
        return new Violation(string(m, "reason", false), string(m, "description", false), string(m, "code", false),
                map(m.get("details"), "violation.details"), integer(m, "mcp_error_code"),
                integer(m, "http_status_code"));
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static String string(Map<String, Object> m, String key, boolean required) {
        Object v = m.get(key);
        if (v == null && !required) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("stored event: '" + key + "' must be a string, got " + v);
    }

    private static Integer integer(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null || v instanceof Integer) {
            return (Integer) v;
        }
        throw new IllegalArgumentException("stored event: '" + key + "' must be an integer, got " + v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String key) {
        if (value == null || value instanceof Map) {
            return (Map<String, Object>) value;
        }
        throw new IllegalArgumentException("stored event: '" + key + "' must be an object, got " + value);
    }

    private static Instant time(Map<String, Object> doc) {
        String t = string(doc, "time", true);
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("stored event: 'time' is not an instant: " + t, e);
        }
    }
}
