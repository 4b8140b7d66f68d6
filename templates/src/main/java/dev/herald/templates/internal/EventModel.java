package dev.herald.templates.internal;

import dev.herald.core.event.Event;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The data model of one rendering: the seed's template context, read straight from the event when a template
 * asks for a key, plus Herald's JSON helpers. Nothing is built for keys a template does not use, so a
 * template that reads three values costs three look-ups, not a map of ten.
 *
 * <p>Keys: {@code event}, {@code event_id}, {@code plugin_name}, {@code timestamp}, {@code request_id},
 * {@code user}, {@code tenant_id}, {@code server_id}, {@code violation}, {@code metadata}, {@code payload};
 * helpers: {@code json}, {@code jsonString}, {@code jsonText}, {@code at}.
 */
public final class EventModel implements TemplateHashModel {
    private final Event event;
    private final ModelSettings settings;
    private String timestamp;
    private Map<String, Object> violation;
    private Object payload;
    private boolean payloadDecided;
    private JsonFunction json;
    private JsonFunction jsonString;
    private JsonFunction jsonText;

    public EventModel(Event event, ModelSettings settings) {
        this.event = event;
        this.settings = settings;
    }

    @Override
    public TemplateModel get(String key) throws TemplateModelException {
        switch (key) {
            case "json":
                return json != null ? json : (json = new JsonFunction(SeedTemplate.Position.VALUE, this));
            case "jsonString":
                return jsonString != null ? jsonString
                        : (jsonString = new JsonFunction(SeedTemplate.Position.WHOLE_STRING, this));
            case "jsonText":
                return jsonText != null ? jsonText
                        : (jsonText = new JsonFunction(SeedTemplate.Position.INSIDE_STRING, this));
            case "at":
                return new PathFunction(this);
            default:
                return JsonModels.of(value(key));
        }
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    /** The context value of a top-level key, as plain JSON-like data; null when missing or unknown. */
    public Object value(String key) {
        Key k = Key.of(key);
        return k == null ? null : value(k);
    }

    /** The context value of a top-level key. */
    public Object value(Key key) {
        RequestContext context = event.context();
        switch (key) {
            case EVENT:
                return event.type().name();
            case EVENT_ID:
                return event.id();
            case PLUGIN_NAME:
                return settings.pluginName();
            case TIMESTAMP:
                if (timestamp == null) {
                    timestamp = PythonTimestamps.format(event.time());
                }
                return timestamp;
            case REQUEST_ID:
                return context.requestId();
            case USER:
                return context.user();
            case TENANT_ID:
                return context.tenantId();
            case SERVER_ID:
                return context.serverId();
            case VIOLATION:
                if (violation == null && event.violation().isPresent()) {
                    violation = event.violation().map(Violation::asMap).orElseThrow();
                }
                return violation;
            case METADATA:
                return event.metadata();
            case PAYLOAD:
                return payload();
            default:
                return null;
        }
    }

    /**
     * The value at a path read once, when its template was compiled: the same as {@link #resolve(String)}
     * without splitting the path and matching its first step by name at every rendering.
     */
    public Object resolve(Path path) {
        if (path.first == null) {
            return null;
        }
        Object current = value(path.first);
        for (String step : path.rest) {
            if (current == null) {
                return null;
            }
            current = step(current, step);
        }
        return current;
    }

    /**
     * The value at a dotted path: {@code metadata.tool_name}, {@code violation.details.field}; a numeric step
     * indexes a list ({@code metadata.list.0}). Null when any step is missing or not a container.
     */
    public Object resolve(String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return value(path);
        }
        Object current = value(path.substring(0, dot));
        int start = dot + 1;
        while (current != null) {
            int next = path.indexOf('.', start);
            String step = next < 0 ? path.substring(start) : path.substring(start, next);
            current = step(current, step);
            if (next < 0) {
                return current;
            }
            start = next + 1;
        }
        return null;
    }

    private static Object step(Object current, String step) {
        if (current instanceof Map<?, ?> map) {
            return map.get(step);
        }
        if (current instanceof List<?> list) {
            int index = indexOf(step);
            return index >= 0 && index < list.size() ? list.get(index) : null;
        }
        return null;
    }

    /** The top-level keys of the context. */
    public enum Key {
        EVENT("event"), EVENT_ID("event_id"), PLUGIN_NAME("plugin_name"), TIMESTAMP("timestamp"),
        REQUEST_ID("request_id"), USER("user"), TENANT_ID("tenant_id"), SERVER_ID("server_id"),
        VIOLATION("violation"), METADATA("metadata"), PAYLOAD("payload");

        private static final Map<String, Key> BY_NAME = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(k -> k.name, k -> k));

        private final String name;

        Key(String name) {
            this.name = name;
        }

        /** The key of that name, or null when there is none. */
        public static Key of(String name) {
            return BY_NAME.get(name);
        }
    }

    /** A dotted path split once: its first step as a key (null when unknown) and the steps after it. */
    public static final class Path {
        private final Key first;
        private final String[] rest;

        private Path(Key first, String[] rest) {
            this.first = first;
            this.rest = rest;
        }

        /** Splits {@code metadata.tool_name} into its steps. */
        public static Path of(String dotted) {
            String[] steps = dotted.split("\\.", -1);
            return new Path(Key.of(steps[0]), Arrays.copyOfRange(steps, 1, steps.length));
        }
    }

    /** The payload when the config includes payloads and this one is non-empty and small enough, as the seed did. */
    private Object payload() {
        if (!payloadDecided) {
            payloadDecided = true;
            Object p = settings.includePayloadData() ? event.payload().orElse(null) : null;
            if (p != null && !isEmpty(p) && !JsonWriter.longerThan(p, settings.maxPayloadSize())) {
                payload = p;
            }
        }
        return payload;
    }

    /** Python's falsiness, which the seed's {@code if ... and payload_data} applied. */
    private static boolean isEmpty(Object value) {
        return value instanceof Map<?, ?> m && m.isEmpty() || value instanceof List<?> l && l.isEmpty()
                || value instanceof String s && s.isEmpty();
    }

    private static int indexOf(String step) {
        if (step.isEmpty() || step.length() > 9) {
            return -1;
        }
        int index = 0;
        for (int i = 0; i < step.length(); i++) {
            char c = step.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            index = index * 10 + (c - '0');
        }
        return index;
    }
}
