package dev.herald.benchmarks.load;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import java.util.Map;

/**
 * The events the driver sends: the seed peer's {@code tool_post_invoke} of a successful {@code search} call, so
 * that every sender renders the same body with the seed's default template.
 */
public final class LoadEvents {
    private static final Map<String, Object> METADATA = Map.of("tool_name", "search");

    private LoadEvents() {}

    /** The i-th event; built when it is sent, as a host builds its events. */
    public static Event event(int i) {
        return Event.builder(EventType.TOOL_SUCCESS)
                .context(new RequestContext("req-" + i, "alice", "t1", "s1"))
                .metadata(METADATA)
                .build();
    }
}
