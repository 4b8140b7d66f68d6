package dev.herald.gateway.hooks.internal;

import dev.herald.gateway.hooks.GlobalContext;
import dev.herald.gateway.hooks.PluginContext;
import java.util.Map;

/**
 * The W3C trace context of the gateway's request, as a hook's context carries it: {@code traceparent} and
 * {@code tracestate} in the global context's {@code metadata}, or else in the plugin context's own. Only strings
 * are taken, both from the same map; whether they are valid is the event's to decide ({@code Event.Builder}
 * drops what is not).
 *
 * @param traceParent the {@code traceparent}, or null
 * @param traceState the {@code tracestate}, or null
 */
public record RequestTraceContext(String traceParent, String traceState) {
    /** No trace context. */
    public static final RequestTraceContext NONE = new RequestTraceContext(null, null);

    /** The trace context {@code context} carries, or {@link #NONE}. */
    public static RequestTraceContext of(PluginContext context) {
        if (context == null) {
            return NONE;
        }
        GlobalContext global = context.globalContext();
        RequestTraceContext fromGlobal = global == null ? NONE : from(global.metadata());
        return fromGlobal != NONE ? fromGlobal : from(context.metadata());
    }

    private static RequestTraceContext from(Map<String, Object> metadata) {
        if (metadata == null || !(metadata.get("traceparent") instanceof String parent)) {
            return NONE;
        }
        return new RequestTraceContext(parent, metadata.get("tracestate") instanceof String state ? state : null);
    }
}
