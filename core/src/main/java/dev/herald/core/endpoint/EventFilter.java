package dev.herald.core.endpoint;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which events an endpoint receives: its event types, and the gateway's conditions (OR-ed; none means any).
 *
 * @param types the accepted event types; must not be empty
 * @param conditions the conditions, any of which must hold; empty means no condition
 */
public record EventFilter(Set<EventType> types, List<Condition> conditions) {

    /** The seed's default: violations only, no conditions. */
    public static final EventFilter DEFAULT = new EventFilter(Set.of(EventType.VIOLATION), List.of());

    public EventFilter {
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("events: must name at least one event type");
        }
        types = Set.copyOf(types);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** A filter on these types with no conditions. */
    public static EventFilter of(EventType... types) {
        return new EventFilter(Set.of(types), List.of());
    }

    /** A filter on these types with no conditions. */
    public static EventFilter of(Collection<EventType> types) {
        return new EventFilter(Set.copyOf(types), List.of());
    }

    /** This filter with the given conditions instead of its own. */
    public EventFilter withConditions(List<Condition> newConditions) {
        return new EventFilter(types, newConditions);
    }

    /** Whether an endpoint with this filter receives the event. */
    public boolean accepts(Event event) {
        if (!types.contains(event.type())) {
            return false;
        }
        if (conditions.isEmpty()) {
            return true;
        }
        for (Condition c : conditions) {
            if (c.matches(event)) {
                return true;
            }
        }
        return false;
    }
}
