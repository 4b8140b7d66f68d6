package dev.herald.templates.internal;

import dev.herald.core.event.Event;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import java.util.List;
import java.util.Map;

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
        RequestContext context = event.context();
        switch (key) {
            case "event":
                return event.type().name();
            case "event_id":
                return event.id();
            case "plugin_name":
                return settings.pluginName();
            case "timestamp":
                if (timestamp == null) {
                    timestamp = PythonTimestamps.format(event.time());
                }
                return timestamp;
            case "request_id":
                return context.requestId();
            case "user":
                return context.user();
            case "tenant_id":
                return context.tenantId();
            case "server_id":
                return context.serverId();
            case "violation":
                if (violation == null && event.violation().isPresent()) {
                    violation = event.violation().map(Violation::asMap).orElseThrow();
                }
                return violation;
            case "metadata":
                return event.metadata();
            case "payload":
                return payload();
            default:
                return null;
        }
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
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list) {
                int index = indexOf(step);
                current = index >= 0 && index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
            if (next < 0) {
                return current;
            }
            start = next + 1;
        }
        return null;
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
