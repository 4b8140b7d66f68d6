package dev.herald.gateway.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.store.InMemoryDeliveryStore;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.core.transport.TransportResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WebhookNotificationPluginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTEXT = """
            {"state": {}, "metadata": {}, "global_context": {"request_id": "r1",
             "user": {"email": "ann@acme.com", "id": "u-1"}, "tenant_id": "acme", "server_id": "srv-1",
             "state": {}, "metadata": {}}}""";

    private final List<Event> events = new CopyOnWriteArrayList<>();

    private WebhookNotificationPlugin plugin(boolean includePayload, boolean endpointAnswers) {
        CompiledTemplate recording = new CompiledTemplate() {
            @Override
            public String key() {
                return "recording";
            }

            @Override
            public byte[] render(Event event) {
                events.add(event);
                return new byte[] {'{', '}'};
            }
        };
        Dispatcher dispatcher = Dispatcher.builder()
                .endpoint(Endpoint.builder("https://hooks.example/h").filter(EventFilter.of(EventType.BUILT_IN))
                        .build())
                .templateRenderer((event, endpoint) -> recording).executor(Runnable::run)
                .transport(r -> endpointAnswers ? CompletableFuture.completedFuture(TransportResponse.of(200))
                        : new CompletableFuture<>())
                .build();
        return new WebhookNotificationPlugin("WebhookNotification", dispatcher, includePayload);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aToolResultIsAToolSuccessWithTheRequestsContext() throws Exception {
        PluginResult r = plugin(false, true).invoke("tool_post_invoke",
                json("{\"name\": \"search\", \"result\": {\"content\": [{\"type\": \"text\", \"text\": \"ok\"}],"
                        + " \"isError\": false}}"), json(CONTEXT));

        assertThat(r).isEqualTo(PluginResult.CONTINUE);
        Event e = events.get(0);
        assertThat(e.type()).isEqualTo(EventType.TOOL_SUCCESS);
        assertThat(e.metadata()).containsExactly(Map.entry("tool_name", "search"));
        assertThat(e.context().requestId()).isEqualTo("r1");
        assertThat(e.context().userLabel()).isEqualTo("ann@acme.com");
        assertThat(e.context().tenantId()).isEqualTo("acme");
        assertThat(e.context().serverId()).isEqualTo("srv-1");
        assertThat(e.payload()).isEmpty();
    }

    @Test
    void anMcpErrorResultIsAToolErrorWithItsText() throws Exception {
        plugin(false, true).invoke("tool_post_invoke", json("{\"name\": \"search\", \"result\": {\"content\":"
                + " [{\"type\": \"text\", \"text\": \"rate limited\"}, {\"type\": \"image\", \"data\": \"x\"},"
                + " {\"type\": \"text\", \"text\": \"try later\"}], \"isError\": true}}"), json(CONTEXT));

        Event e = events.get(0);
        assertThat(e.type()).isEqualTo(EventType.TOOL_ERROR);
        assertThat(e.metadata()).containsEntry("tool_name", "search").containsEntry("error", "rate limited\ntry later");
    }

    @Test
    void aResultWithAnErrorFieldIsAToolErrorAsTheSeedMeantIt() throws Exception {
        WebhookNotificationPlugin p = plugin(false, true);
        p.invoke("tool_post_invoke", json("{\"name\": \"db\", \"result\": {\"error\": \"connection lost\"}}"),
                json(CONTEXT));
        p.invoke("tool_post_invoke", json("{\"name\": \"db\", \"result\": {\"error\": {\"message\": \"denied\"}}}"),
                json(CONTEXT));
        p.invoke("tool_post_invoke", json("{\"name\": \"db\", \"result\": {\"error\": null, \"rows\": 3}}"),
                json(CONTEXT));

        assertThat(events).extracting(Event::type)
                .containsExactly(EventType.TOOL_ERROR, EventType.TOOL_ERROR, EventType.TOOL_SUCCESS);
        assertThat(events.get(0).metadata()).containsEntry("error", "connection lost");
        assertThat(events.get(1).metadata()).containsEntry("error", "denied");
    }

    @Test
    void promptsAndResourcesAreSuccessesWithTheirIds() throws Exception {
        WebhookNotificationPlugin p = plugin(false, true);
        p.invoke("prompt_post_fetch", json("{\"prompt_id\": \"greet\", \"result\": {\"messages\": []}}"),
                json(CONTEXT));
        p.invoke("resource_post_fetch", json("{\"uri\": \"file:///a.txt\", \"content\": {\"text\": \"hi\"}}"),
                json(CONTEXT));

        assertThat(events).extracting(Event::type).containsExactly(EventType.PROMPT_SUCCESS,
                EventType.RESOURCE_SUCCESS);
        assertThat(events.get(0).metadata()).containsExactly(Map.entry("prompt_id", "greet"));
        assertThat(events.get(1).metadata()).containsExactly(Map.entry("resource_uri", "file:///a.txt"));
    }

    @Test
    void preHooksSendNothing() throws Exception {
        WebhookNotificationPlugin p = plugin(false, true);
        assertThat(p.invoke("tool_pre_invoke", json("{\"name\": \"search\", \"args\": {}}"), json(CONTEXT)))
                .isEqualTo(PluginResult.CONTINUE);
        p.invoke("prompt_pre_fetch", json("{\"prompt_id\": \"greet\", \"args\": {}}"), json(CONTEXT));
        p.invoke("resource_pre_fetch", json("{\"uri\": \"file:///a\", \"metadata\": {}}"), json(CONTEXT));
        assertThat(events).isEmpty();
    }

    @Test
    void includePayloadDataCarriesTheResultAsTheSeedDid() throws Exception {
        plugin(true, true).invoke("tool_post_invoke", json("{\"name\": \"search\", \"result\": {\"n\": 1}}"),
                json(CONTEXT));

        assertThat(events.get(0).payload()).contains(Map.of("tool_name", "search", "args", Map.of("n", 1)));
    }

    @Test
    void whatJsonCannotCarryIsLeftOutAndTheEventStillGoesOut() throws Exception {
        // Found by fuzzing: these failed the hook with INTERNAL_ERROR instead of sending the event.
        String deep = "[".repeat(100) + "]".repeat(100);
        PluginResult r = plugin(true, true).invoke("tool_post_invoke", json("{\"name\": \"search\", \"result\":"
                + " {\"isError\": true, \"content\": [{\"type\": \"text\", \"text\": \"boom\"}], \"n\": 1e999}}"),
                json("{\"global_context\": {\"request_id\": \"r1\", \"user\": " + deep
                        + ", \"tenant_id\": \"acme\"}}"));

        assertThat(r).isEqualTo(PluginResult.CONTINUE);
        Event e = events.get(0);
        assertThat(e.type()).isEqualTo(EventType.TOOL_ERROR);
        assertThat(e.metadata()).containsEntry("error", "boom");
        assertThat(e.payload()).isEmpty();
        assertThat(e.context().user()).isNull();
        assertThat(e.context().requestId()).isEqualTo("r1");
        assertThat(e.context().tenantId()).isEqualTo("acme");
    }

    @Test
    void refusesUnknownHooksAndMisshapenCallsWithAClearMessage() throws Exception {
        WebhookNotificationPlugin p = plugin(false, true);
        assertThatThrownBy(() -> p.invoke("tool_post_invoked", json("{}"), json(CONTEXT)))
                .isInstanceOf(HookException.class).hasMessageContaining("unknown hook_type 'tool_post_invoked'");
        assertThatThrownBy(() -> p.invoke("tool_post_invoke", json("[1]"), json(CONTEXT)))
                .hasMessage("payload: must be a JSON object");
        assertThatThrownBy(() -> p.invoke("tool_post_invoke", json("{\"name\": {\"a\": 1}}"), json(CONTEXT)))
                .hasMessageStartingWith("payload: not a valid ToolPostInvoke");
        assertThatThrownBy(() -> p.invoke("tool_post_invoke", json("{\"name\": \"x\"}"), null))
                .hasMessage("context: must be a JSON object");
        assertThat(events).isEmpty();
    }

    @Test
    void violationsAndPluginErrorsCanBeReported() throws Exception {
        WebhookNotificationPlugin p = plugin(false, true);
        PluginContext ctx = JSON.treeToValue(json(CONTEXT), PluginContext.class);
        p.reportViolation(new PluginViolation("PII detected", "an SSN", "PII", Map.of("field", "ssn"), null, 422),
                ctx, Map.of("tool_name", "search"));
        p.reportViolation(new PluginViolation("Too many", "slow down", "RATE_LIMIT", null, null, null), ctx, null);
        p.reportPluginError("PIIFilter", "regex compile failed", ctx);

        assertThat(events).extracting(Event::type).containsExactly(EventType.PII_DETECTED,
                EventType.RATE_LIMIT_EXCEEDED, EventType.PLUGIN_ERROR);
        assertThat(events.get(0).violation()).get().satisfies(v -> {
            assertThat(v.reason()).isEqualTo("PII detected");
            assertThat(v.httpStatusCode()).isEqualTo(422);
        });
        assertThat(events.get(2).metadata()).containsEntry("plugin", "PIIFilter")
                .containsEntry("error", "regex compile failed");
    }

    @Test
    void aHookNeverWaitsForTheDelivery() throws Exception {
        WebhookNotificationPlugin p = plugin(false, false);

        PluginResult r = p.invoke("tool_post_invoke", json("{\"name\": \"search\", \"result\": {}}"), json(CONTEXT));

        assertThat(r.continueProcessing()).isTrue();
        assertThat(events).hasSize(1);
    }

    @Test
    void theResultHasTheGatewaysExactShape() throws Exception {
        JsonNode tree = JSON.valueToTree(PluginResult.CONTINUE);
        assertThat(tree).isEqualTo(json(
                "{\"continue_processing\": true, \"modified_payload\": null, \"violation\": null, \"metadata\": {}}"));
    }

    @Test
    void withAStoreAHookAnswersOnlyOnceTheStoreHoldsItsEvent() {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        // Herald's own executor, so that the store's confirmation arrives on another thread than the hook's.
        Dispatcher dispatcher = Dispatcher.builder()
                .endpoint(Endpoint.builder("https://hooks.example/h").filter(EventFilter.of(EventType.PLUGIN_ERROR))
                        .build())
                .templateRenderer((event, endpoint) -> new CompiledTemplate() {
                    @Override
                    public String key() {
                        return "empty";
                    }

                    @Override
                    public byte[] render(Event event) {
                        return new byte[] {'{', '}'};
                    }
                })
                .transport(r -> CompletableFuture.completedFuture(TransportResponse.of(200))).store(store).build();
        try {
            WebhookNotificationPlugin hooks = new WebhookNotificationPlugin("WebhookNotification", dispatcher, false);

            DispatchResult r = hooks.reportPluginError("PIIFilter", "boom", null);

            assertThat(r.status()).isEqualTo(DispatchResult.Status.ACCEPTED);
            assertThat(r.durable()).isTrue();
            assertThat(store.list(new DeliveryQuery(null, null, 10))).extracting(rec -> rec.delivery().deliveryId())
                    .containsExactlyElementsOf(r.deliveryIds());
        } finally {
            dispatcher.close(Duration.ofSeconds(5));
        }
    }

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String TOOL_RESULT = "{\"name\": \"search\", \"result\": {}}";

    private static String contextWith(String globalMetadata, String pluginMetadata) {
        return """
                {"state": {}, "metadata": %s, "global_context": {"request_id": "r1", "state": {},
                 "metadata": %s}}""".formatted(pluginMetadata, globalMetadata);
    }

    @Test
    void anEventCarriesTheTraceContextOfTheGatewaysRequest() throws Exception {
        plugin(false, true).invoke("tool_post_invoke", json(TOOL_RESULT), json(contextWith(
                "{\"traceparent\": \"" + TRACEPARENT + "\", \"tracestate\": \"congo=t61rcWkgMzE\"}", "{}")));

        assertThat(events.get(0).traceParent()).contains(TRACEPARENT);
        assertThat(events.get(0).traceState()).contains("congo=t61rcWkgMzE");
    }

    @Test
    void thePluginsOwnMetadataIsReadOnlyWhenTheGlobalContextHasNoTraceparent() throws Exception {
        String other = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        plugin(false, true).invoke("tool_post_invoke", json(TOOL_RESULT), json(contextWith(
                "{\"tracestate\": \"global=1\"}", "{\"traceparent\": \"" + other + "\"}")));
        plugin(false, true).invoke("tool_post_invoke", json(TOOL_RESULT), json(contextWith(
                "{\"traceparent\": \"" + TRACEPARENT + "\"}", "{\"traceparent\": \"" + other + "\"}")));

        assertThat(events.get(0).traceParent()).contains(other);
        assertThat(events.get(0).traceState()).isEmpty();
        assertThat(events.get(1).traceParent()).contains(TRACEPARENT);
    }

    @Test
    void anInvalidTraceContextIsIgnoredAndTheEventStillGoesOut() throws Exception {
        List<String> hostile = List.of("{\"traceparent\": \"00-not-a-trace-01\", \"tracestate\": \"a=1\"}",
                "{\"traceparent\": \"" + TRACEPARENT + "\\r\\nX-Admin: 1\"}",
                "{\"traceparent\": {\"id\": \"" + TRACEPARENT + "\"}}",
                "{\"traceparent\": 42}");
        for (String metadata : hostile) {
            PluginResult r = plugin(false, true).invoke("tool_post_invoke", json(TOOL_RESULT),
                    json(contextWith(metadata, "{}")));
            assertThat(r).isEqualTo(PluginResult.CONTINUE);
        }

        assertThat(events).hasSize(hostile.size());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.traceParent()).isEmpty();
            assertThat(e.traceState()).isEmpty();
        });
    }
}
