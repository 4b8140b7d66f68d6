package dev.herald.core.event;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The type of an event: one of the nine types of the gateway plugin, or a custom type of another host.
 *
 * <p>Custom types are lower case, {@code [a-z0-9_.]+}, so that they can be used as template keys and in config
 * files without quoting.
 *
 * @param name the wire name, as endpoints filter on it and templates see it
 */
public record EventType(String name) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_.]{1,128}");

    public static final EventType VIOLATION = new EventType("violation");
    public static final EventType RATE_LIMIT_EXCEEDED = new EventType("rate_limit_exceeded");
    public static final EventType PII_DETECTED = new EventType("pii_detected");
    public static final EventType HARMFUL_CONTENT = new EventType("harmful_content");
    public static final EventType TOOL_SUCCESS = new EventType("tool_success");
    public static final EventType TOOL_ERROR = new EventType("tool_error");
    public static final EventType PROMPT_SUCCESS = new EventType("prompt_success");
    public static final EventType RESOURCE_SUCCESS = new EventType("resource_success");
    public static final EventType PLUGIN_ERROR = new EventType("plugin_error");

    /** The nine types of the seed plugin, in its order. */
    public static final List<EventType> BUILT_IN = List.of(VIOLATION, RATE_LIMIT_EXCEEDED, PII_DETECTED,
            HARMFUL_CONTENT, TOOL_SUCCESS, TOOL_ERROR, PROMPT_SUCCESS, RESOURCE_SUCCESS, PLUGIN_ERROR);

    public EventType {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "event type: must match [a-z0-9_.]+ (at most 128 characters), got " + quote(name));
        }
    }

    /** Returns the type of that name, built in or custom. */
    public static EventType of(String name) {
        for (EventType t : BUILT_IN) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        return new EventType(name);
    }

    /** Whether this is one of the gateway plugin's nine types. */
    public boolean isBuiltIn() {
        return BUILT_IN.contains(this);
    }

    private static String quote(String s) {
        return s == null ? "null" : '"' + s + '"';
    }

    @Override
    public String toString() {
        return name;
    }
}
