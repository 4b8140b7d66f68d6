package dev.herald.gateway.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.ViolationClassifier;
import dev.herald.gateway.hooks.internal.RefusalWarning;
import dev.herald.gateway.hooks.internal.RequestTraceContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed plugin's six hooks, in Java, over the gateway's JSON: each maps to events exactly as the seed did, with
 * its defects fixed, and answers {@link PluginResult#CONTINUE}. Deliveries happen on Herald's executor and the
 * transport's event loops; a hook never waits for one, even when every endpoint is down.
 *
 * <p>With a delivery store a hook waits for the store to hold its event
 * ({@link Dispatcher#dispatchAndAwait}, at most the dispatcher's {@link Dispatcher#storeTimeout store timeout}),
 * and only then answers: so that an event the gateway was answered for survives a crash of Herald right after
 * (the gateway never sends a hook again), and a store that fails shows in the log as the hook's refusal rather
 * than later. The price is one group commit per hook call, about 2 ms at the median on SQLite as the
 * gateway's client measures it (13.7 ms against 11.6 ms in memory, README).
 * Without a store nothing waits and a hook answers at once.
 *
 * <p>Fixed defects: {@code tool_error} fires for the MCP result the gateway sends ({@code isError: true}), with
 * {@code metadata.error} taken from the result's text content, as well as for a result with an {@code error}
 * field; violations and plugin errors can be reported ({@link #reportViolation}, {@link #reportPluginError}).
 *
 * <p>What an event cannot carry as JSON (a value nested deeper than 64 levels, a number such as {@code 1e999} that
 * parses as infinity) is left out of it, as the payload data is when it is over {@code max_payload_size}: the
 * request's user, or the payload data. The hook still answers at once and the event still goes out.
 *
 * <p>An event carries the W3C trace context of the gateway's request ({@code traceparent}, {@code tracestate})
 * when the context's {@code global_context.metadata}, or else its own {@code metadata}, holds one as strings, so
 * that a tracer makes the event's span a child of the request's; one that is not valid is ignored.
 */
public final class WebhookNotificationPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotificationPlugin.class);
    private static final int MAX_ERROR_CHARS = 2000;
    /** At most one refusal warning of each kind per period. */
    static final Duration WARNING_PERIOD = Duration.ofSeconds(10);

    private final String name;
    private final Dispatcher dispatcher;
    private final boolean includePayloadData;
    private final ObjectMapper json;
    private final RefusalWarning full;
    private final RefusalWarning storeRefused;

    /**
     * @param name the plugin's name, as in the gateway's config
     * @param dispatcher where events go
     * @param includePayloadData whether events carry the hook's payload, as the seed's {@code include_payload_data}
     */
    public WebhookNotificationPlugin(String name, Dispatcher dispatcher, boolean includePayloadData) {
        this(name, dispatcher, includePayloadData, System::nanoTime);
    }

    /** As the public constructor, with the clock that spaces the refusal warnings out. */
    WebhookNotificationPlugin(String name, Dispatcher dispatcher, boolean includePayloadData, LongSupplier nanoClock) {
        this.name = Objects.requireNonNull(name, "name");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.includePayloadData = includePayloadData;
        this.json = new ObjectMapper();
        this.full = new RefusalWarning(LOG, "capacity is full", WARNING_PERIOD, nanoClock);
        this.storeRefused = new RefusalWarning(LOG, "the delivery store did not take the events", WARNING_PERIOD,
                nanoClock);
    }

    public String name() {
        return name;
    }

    /**
     * Runs a hook from its wire name and JSON, as the external-plugin protocol sends them.
     *
     * @throws HookException for an unknown hook or a payload or context that is not of the hook's shape
     */
    public PluginResult invoke(String hookType, JsonNode payload, JsonNode context) throws HookException {
        HookType hook = HookType.of(hookType).orElseThrow(() -> new HookException("unknown hook_type '" + hookType
                + "'; known: prompt_pre_fetch, prompt_post_fetch, tool_pre_invoke, tool_post_invoke,"
                + " resource_pre_fetch, resource_post_fetch"));
        PluginContext ctx = read(context, PluginContext.class, "context");
        return switch (hook) {
            case PROMPT_PRE_FETCH, TOOL_PRE_INVOKE, RESOURCE_PRE_FETCH -> {
                requireObject(payload);
                yield PluginResult.CONTINUE;
            }
            case PROMPT_POST_FETCH -> promptPostFetch(read(payload, HookPayloads.PromptPostFetch.class, "payload"),
                    ctx);
            case TOOL_POST_INVOKE -> toolPostInvoke(read(payload, HookPayloads.ToolPostInvoke.class, "payload"), ctx);
            case RESOURCE_POST_FETCH -> resourcePostFetch(read(payload, HookPayloads.ResourcePostFetch.class,
                    "payload"), ctx);
        };
    }

    /** {@code prompt_post_fetch}: a {@code prompt_success} with {@code metadata.prompt_id}. */
    public PluginResult promptPostFetch(HookPayloads.PromptPostFetch payload, PluginContext context) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("prompt_id", payload.promptId());
        dispatch(EventType.PROMPT_SUCCESS, context, metadata, null);
        return PluginResult.CONTINUE;
    }

    /**
     * {@code tool_post_invoke}: a {@code tool_success} with {@code metadata.tool_name}, or a {@code tool_error}
     * with {@code metadata.error} when the result says it failed.
     */
    public PluginResult toolPostInvoke(HookPayloads.ToolPostInvoke payload, PluginContext context) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("tool_name", payload.name());
        String error = toolError(payload.result());
        EventType type = EventType.TOOL_SUCCESS;
        if (error != null) {
            type = EventType.TOOL_ERROR;
            metadata.put("error", error);
        }
        Object data = null;
        if (includePayloadData) {
            // The seed's shape, kept as it was: the result under "args".
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("tool_name", payload.name());
            d.put("args", payload.result());
            data = d;
        }
        dispatch(type, context, metadata, data);
        return PluginResult.CONTINUE;
    }

    /** {@code resource_post_fetch}: a {@code resource_success} with {@code metadata.resource_uri}. */
    public PluginResult resourcePostFetch(HookPayloads.ResourcePostFetch payload, PluginContext context) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resource_uri", payload.uri());
        dispatch(EventType.RESOURCE_SUCCESS, context, metadata, null);
        return PluginResult.CONTINUE;
    }

    /** A violation a host reports, classified as the seed does ({@code rate_limit_exceeded}, {@code pii_detected}, ...). */
    public DispatchResult reportViolation(PluginViolation violation, PluginContext context,
            Map<String, Object> metadata) {
        RequestTraceContext trace = RequestTraceContext.of(context);
        Event event = Event.builder(ViolationClassifier.classify(violation.toViolation()))
                .context(context == null ? null : context.requestContext())
                .violation(violation.toViolation()).metadata(metadata == null ? Map.of() : metadata)
                .traceContext(trace.traceParent(), trace.traceState()).build();
        return dispatchDurably(event);
    }

    /** A plugin's failure, as a {@code plugin_error} with {@code metadata.plugin} and {@code metadata.error}. */
    public DispatchResult reportPluginError(String failingPlugin, String message, PluginContext context) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("plugin", failingPlugin);
        metadata.put("error", truncate(message));
        return dispatch(EventType.PLUGIN_ERROR, context, metadata, null);
    }

    private DispatchResult dispatch(EventType type, PluginContext context, Map<String, Object> metadata,
            Object payload) {
        RequestTraceContext trace = RequestTraceContext.of(context);
        Event.Builder event = Event.builder(type).context(requestContext(type, context)).metadata(metadata)
                .traceContext(trace.traceParent(), trace.traceState());
        DispatchResult result;
        try {
            result = dispatchDurably(event.payload(payload).build());
        } catch (IllegalArgumentException notJson) {
            LOG.warn("{}: sent without its payload data: {}", type.name(), printable(notJson.getMessage()));
            result = dispatchDurably(event.payload(null).build());
        }
        // The hook answers continue all the same (a notifier never blocks the gateway), so the log is the only
        // place a dropped notification shows.
        switch (result.status()) {
            case REJECTED_FULL -> full.refused(type.name());
            case REJECTED_STORE -> storeRefused.refused(type.name());
            default -> { }
        }
        return result;
    }

    /** Waits for the store, when there is one, at most its timeout: see the class's Javadoc for why. */
    private DispatchResult dispatchDurably(Event event) {
        return dispatcher.dispatchAndAwait(event, dispatcher.storeTimeout());
    }

    private static RequestContext requestContext(EventType type, PluginContext context) {
        if (context == null) {
            return null;
        }
        try {
            return context.requestContext();
        } catch (IllegalArgumentException notJson) {
            LOG.warn("{}: sent without the request's user: {}", type.name(), printable(notJson.getMessage()));
            GlobalContext g = context.globalContext();
            return new RequestContext(g.requestId(), null, g.tenantId(), g.serverId());
        }
    }

    /** The message names the path of the bad value, made of the gateway's keys: keep them out of the log's lines. */
    private static String printable(String message) {
        String text = String.valueOf(message).replaceAll("\\p{Cntrl}", "?");
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /**
     * The error a tool result reports, or null: the MCP {@code isError} flag with the text of its content, or an
     * {@code error} field as the seed looked for.
     */
    static String toolError(Object result) {
        if (!(result instanceof Map<?, ?> map)) {
            return null;
        }
        if (Boolean.TRUE.equals(map.get("isError")) || Boolean.TRUE.equals(map.get("is_error"))) {
            String text = contentText(map.get("content"));
            return truncate(text.isEmpty() ? "the tool reported an error" : text);
        }
        Object error = map.get("error");
        if (error == null || Boolean.FALSE.equals(error) || "".equals(error)) {
            return null;
        }
        if (error instanceof Map<?, ?> e && e.get("message") != null) {
            return truncate(e.get("message").toString());
        }
        return truncate(error.toString());
    }

    private static String contentText(Object content) {
        if (!(content instanceof List<?> items)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Object item : items) {
            if (item instanceof Map<?, ?> m && "text".equals(m.get("type")) && m.get("text") != null) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(m.get("text"));
            }
        }
        return sb.toString();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS) + "…";
    }

    private <T> T read(JsonNode node, Class<T> type, String what) throws HookException {
        requireObject(node, what);
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new HookException(what + ": not a valid " + type.getSimpleName() + " ("
                    + e.getOriginalMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new HookException(what + ": not a valid " + type.getSimpleName() + " (" + e.getMessage() + ")");
        }
    }

    private static void requireObject(JsonNode payload) throws HookException {
        requireObject(payload, "payload");
    }

    private static void requireObject(JsonNode node, String what) throws HookException {
        if (node == null || !node.isObject()) {
            throw new HookException(what + ": must be a JSON object");
        }
    }
}
