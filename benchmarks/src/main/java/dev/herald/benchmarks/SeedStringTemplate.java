package dev.herald.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.event.Event;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import dev.herald.templates.internal.PythonTimestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed plugin's {@code _render_template}, ported line for line: for each context key in order, replace
 * {@code {{key}}} with {@code null} for None, compact JSON for a dict or list, and Python's {@code str()}
 * otherwise. No escaping and no dotted paths, exactly as the seed, defects included; it exists only as the
 * baseline that Herald's FreeMarker rendering is measured against.
 */
public final class SeedStringTemplate {
    // orjson.dumps in the seed; Jackson is the JVM's counterpart, both compact and order-preserving.
    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedStringTemplate() {}

    /**
     * The seed's {@code template_context} for an event, in the seed's key order ({@code payload} left out, as
     * with {@code include_payload_data: false}). The timestamp is the event's time in the seed's isoformat, written
     * by the same formatter Herald's templates use, so the comparison is of the templating alone.
     */
    public static Map<String, Object> context(Event event, String pluginName) {
        RequestContext c = event.context();
        Map<String, Object> context = new LinkedHashMap<>(16);
        context.put("event", event.type().name());
        context.put("plugin_name", pluginName);
        context.put("timestamp", PythonTimestamps.format(event.time()));
        context.put("request_id", c.requestId());
        context.put("user", c.user());
        context.put("tenant_id", c.tenantId());
        context.put("server_id", c.serverId());
        context.put("violation", event.violation().map(Violation::asMap).orElse(null));
        context.put("metadata", event.metadata());
        return context;
    }

    /** {@code _render_template(template, context)}. */
    public static String render(String template, Map<String, ?> context) {
        String result = template;
        for (Map.Entry<String, ?> e : context.entrySet()) {
            String placeholder = "{{" + e.getKey() + "}}";
            Object value = e.getValue();
            if (value == null) {
                result = result.replace(placeholder, "null");
            } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
                result = result.replace(placeholder, json(value));
            } else {
                result = result.replace(placeholder, pythonStr(value));
            }
        }
        return result;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** Python's {@code str()} of a scalar: booleans are capitalised, the rest read as in Java. */
    private static String pythonStr(Object value) {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value.toString();
    }
}
