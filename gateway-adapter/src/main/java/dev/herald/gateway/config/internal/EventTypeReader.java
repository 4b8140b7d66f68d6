package dev.herald.gateway.config.internal;

import dev.herald.core.event.EventType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads event type names: the seed's nine, or a custom lower-case type of another host.
 *
 * <p>A name one or two edits away from a built-in type is taken for a typo, not a custom type: {@code tool_eror}
 * would otherwise quietly subscribe to an event that never comes.
 */
final class EventTypeReader {
    private static final Pattern CUSTOM = Pattern.compile("[a-z0-9_.]{1,128}");
    private static final int TYPO_DISTANCE = 2;
    static final List<String> BUILT_IN = EventType.BUILT_IN.stream().map(EventType::name).toList();

    private EventTypeReader() {}

    /** The endpoint's {@code events}; absent gives the seed's default, violations only. */
    static Set<EventType> events(Fields webhook) {
        if (!webhook.has("events")) {
            return Set.of(EventType.VIOLATION);
        }
        Set<EventType> types = new LinkedHashSet<>();
        List<Object> items = webhook.list("events");
        for (int i = 0; i < items.size(); i++) {
            String at = ConfigPath.index(webhook.path("events"), i);
            if (items.get(i) instanceof String s) {
                parse(s, at, webhook.problems()).ifPresent(types::add);
            } else {
                webhook.problems().add(at, "expected an event type name, got " + webhook.describe(at, items.get(i)));
            }
        }
        return types;
    }

    static boolean isBuiltIn(String name) {
        return BUILT_IN.contains(name);
    }

    /** One event type name, or empty with an error at {@code path}. */
    static Optional<EventType> parse(String name, String path, Problems problems) {
        if (BUILT_IN.contains(name)) {
            return Optional.of(EventType.of(name));
        }
        Optional<String> near = nearBuiltIn(name);
        if (near.isEmpty() && CUSTOM.matcher(name).matches()) {
            return Optional.of(EventType.of(name));
        }
        String known = "; known: " + String.join(", ", BUILT_IN);
        problems.add(path, "unknown event type " + Fields.describe(problems, path, name) + known + near
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("; a custom type must match [a-z0-9_.]+, at most 128 characters"));
        return Optional.empty();
    }

    private static Optional<String> nearBuiltIn(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String b : BUILT_IN) {
            int d = Suggestions.distance(name.toLowerCase(Locale.ROOT), b);
            if (d < bestDistance) {
                best = b;
                bestDistance = d;
            }
        }
        return bestDistance <= TYPO_DISTANCE ? Optional.of(best) : Optional.empty();
    }
}
