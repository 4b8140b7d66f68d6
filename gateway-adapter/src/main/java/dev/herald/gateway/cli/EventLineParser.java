package dev.herald.gateway.cli;

import dev.herald.gateway.internal.NearestWord;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one event from a JSON line with the template keys: {@code event} (required), {@code request_id},
 * {@code user}, {@code tenant_id}, {@code server_id}, {@code violation}, {@code metadata}, {@code payload}, and
 * optionally {@code timestamp} (ISO-8601) and {@code event_id}.
 *
 * <p>A line is read as strictly as the config: a duplicate key or anything after the object refuses it, and so
 * does an event type that neither is built in nor is one an endpoint subscribes to (a typo would otherwise be
 * sent nowhere, silently). Every problem of a line is reported, each at its key, so that one pass fixes it.
 */
final class EventLineParser {
    /** The keys of an event line, as {@code send --help} lists them. */
    static final List<String> KEYS = List.of("event", "request_id", "user", "tenant_id", "server_id", "violation",
            "metadata", "payload", "timestamp", "event_id", "plugin_name");
    private static final Set<String> VIOLATION_KEYS = Set.of("reason", "description", "code", "details");
    private static final int SHOWN_VALUE_CHARS = 64;

    private final ObjectMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final ObjectReader reader = json.readerFor(JsonNode.class);
    private final Set<String> knownTypes;

    /** A parser that takes the built-in types and {@code subscribed}, the custom types some endpoint names. */
    EventLineParser(Collection<EventType> subscribed) {
        Set<String> known = new TreeSet<>();
        EventType.BUILT_IN.forEach(t -> known.add(t.name()));
        subscribed.forEach(t -> known.add(t.name()));
        this.knownTypes = Set.copyOf(known);
    }

    /** A line's event, or every problem with it, each {@code key: what is wrong}. */
    record Parsed(Event event, List<String> problems) {
        Parsed {
            problems = List.copyOf(problems);
        }
    }

    Parsed parse(String line) {
        JsonNode node;
        try {
            node = reader.readValue(line);
        } catch (MismatchedInputException e) {
            // Jackson's own wording names its classes and features; a user needs the place.
            return refused("not one JSON object: more follows it" + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            return refused("not JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return refused("must be a JSON object, got " + kind(node));
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add(shown(key) + ": unknown key; known: " + String.join(", ", KEYS));
            }
        }
        EventType type = type(node.get("event"), problems);
        RequestContext context = new RequestContext(text(node, "request_id", problems), value(node.get("user")),
                text(node, "tenant_id", problems), text(node, "server_id", problems));
        Violation violation = violation(node.get("violation"), problems);
        Map<String, Object> metadata = map(node.get("metadata"), "metadata", problems);
        String id = text(node, "event_id", problems);
        if (id != null && id.isBlank()) {
            problems.add("event_id: must not be blank");
        }
        text(node, "plugin_name", problems);
        Instant time = time(text(node, "timestamp", problems), problems);
        if (!problems.isEmpty()) {
            return new Parsed(null, problems);
        }
        Event.Builder b = Event.builder(type).context(context).metadata(metadata).payload(value(node.get("payload")))
                .time(time);
        if (violation != null) {
            b.violation(violation);
        }
        if (id != null) {
            b.id(id);
        }
        return new Parsed(b.build(), List.of());
    }

    private EventType type(JsonNode type, List<String> problems) {
        if (type == null || type.isNull()) {
            problems.add("event: required, the event type as a string (one of " + String.join(", ", knownTypes)
                    + ")");
            return null;
        }
        if (!type.isTextual()) {
            problems.add("event: must be a string, got " + kind(type));
            return null;
        }
        String name = type.asText();
        if (!knownTypes.contains(name)) {
            problems.add("event: unknown event type " + shown(name) + " (nearest known: '"
                    + NearestWord.of(name, knownTypes) + "'); no endpoint of the config subscribes to it");
            return null;
        }
        return EventType.of(name);
    }

    private Violation violation(JsonNode violation, List<String> problems) {
        if (violation == null || violation.isNull()) {
            return null;
        }
        if (!violation.isObject()) {
            problems.add("violation: must be an object, got " + kind(violation));
            return null;
        }
        for (Iterator<String> it = violation.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!VIOLATION_KEYS.contains(key)) {
                problems.add("violation." + shown(key) + ": unknown key; known: code, description, details, reason");
            }
        }
        return Violation.of(text(violation, "reason", "violation.reason", problems),
                text(violation, "description", "violation.description", problems),
                text(violation, "code", "violation.code", problems),
                map(violation.get("details"), "violation.details", problems));
    }

    private static Instant time(String timestamp, List<String> problems) {
        if (timestamp == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            problems.add("timestamp: not an ISO-8601 date-time with an offset (2026-11-29T12:00:00Z), got "
                    + shown(timestamp));
            return null;
        }
    }

    private static String text(JsonNode node, String key, List<String> problems) {
        return text(node, key, key, problems);
    }

    private static String text(JsonNode node, String key, String path, List<String> problems) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            problems.add(path + ": must be a string, got " + kind(v));
            return null;
        }
        return v.asText();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(JsonNode node, String path, List<String> problems) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object, got " + kind(node));
            return Map.of();
        }
        return json.convertValue(node, Map.class);
    }

    private Object value(JsonNode node) {
        return node == null || node.isNull() ? null : json.convertValue(node, Object.class);
    }

    private static Parsed refused(String problem) {
        return new Parsed(null, List.of(problem));
    }

    private static String at(JsonLocation location) {
        return location == null || location.getColumnNr() < 1 ? "" : " at column " + location.getColumnNr();
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Quoted, escaped and cut short: a line may hold anything, and the terminal must get one readable line. */
    static String shown(String value) {
        String cut = value.length() > SHOWN_VALUE_CHARS ? value.substring(0, SHOWN_VALUE_CHARS) + "..." : value;
        StringBuilder b = new StringBuilder("'");
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('\'').toString();
    }
}
