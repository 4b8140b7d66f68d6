package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.EventType;
import dev.herald.core.time.ManualScheduler;
import dev.herald.core.transport.TransportResponse;
import dev.herald.gateway.hooks.WebhookNotificationPlugin;
import dev.herald.gateway.server.internal.HookError;
import dev.herald.gateway.server.internal.InvokeHook;
import dev.herald.gateway.server.internal.PluginRegistry;
import dev.herald.engine.testing.Outcomes;
import dev.herald.templates.FreemarkerTemplateRenderer;
import dev.herald.templates.TemplateConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Whatever arguments an {@code invoke_hook} call carries, the answer is an envelope: a result, or an error that
 * says what was wrong with the call, never the {@code INTERNAL_ERROR} of a plugin that crashed; and every event a
 * hook dispatches renders and is delivered.
 *
 * <p>An input is the call's arguments as JSON text, as the MCP server receives them; text that is not a JSON
 * object never reaches the tool (the SDK refuses it) and is skipped. The seeds are the gateway's real calls and
 * hostile variations of them: wrong types, deep nesting, huge numbers, NULs and lone surrogates.
 */
class InvokeHookFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CALLERS_MISTAKES = Set.of(HookError.INVALID_ARGUMENTS, HookError.UNKNOWN_PLUGIN,
            HookError.UNKNOWN_HOOK_TYPE, HookError.INVALID_HOOK_INPUT);

    private final Outcomes outcomes = new Outcomes();
    private final InvokeHook invokeHook = new InvokeHook(new PluginRegistry(List.of(hosted(outcomes))), JSON);

    private static HostedPlugin hosted(Outcomes outcomes) {
        Dispatcher dispatcher = Dispatcher.builder()
                .endpoint(Endpoint.builder("https://hooks.example.com/fuzz").filter(EventFilter.of(EventType.BUILT_IN))
                        .build())
                .templateRenderer(new FreemarkerTemplateRenderer(TemplateConfig.builder().includePayloadData(true)
                        .build()))
                .transport(request -> CompletableFuture.completedFuture(TransportResponse.of(200)))
                .scheduler(new ManualScheduler(Instant.EPOCH)).executor(Runnable::run).listener(outcomes).build();
        WebhookNotificationPlugin plugin = new WebhookNotificationPlugin(HostedHerald.PLUGIN_NAME, dispatcher, true);
        return new HostedPlugin(HostedHerald.configEntry("https://hooks.example.com/fuzz"), plugin);
    }

    @FuzzTest(maxDuration = "120s")
    void anyCallIsAnsweredWithAResultOrTheCallersMistake(byte[] input) throws JsonProcessingException {
        Map<String, Object> arguments;
        try {
            arguments = JSON.readValue(new String(input, StandardCharsets.UTF_8), JSON.getTypeFactory()
                    .constructMapType(Map.class, String.class, Object.class));
        } catch (JsonProcessingException notAnObject) {
            return;
        }
        if (arguments == null) {
            return;
        }

        JsonNode envelope = JSON.readTree(invokeHook.call(arguments));

        assertThat(envelope.has("plugin_name")).isTrue();
        if (envelope.has("error")) {
            assertThat(envelope.get("error").get("code").asText()).isIn(CALLERS_MISTAKES);
            assertThat(envelope.get("error").get("message").asText()).isNotBlank();
        } else {
            assertThat(envelope.get("result").get("continue_processing").asBoolean()).isTrue();
        }
        assertThat(outcomes.outcomes).allSatisfy(o -> assertThat(o.status()).as(o.lastError())
                .isEqualTo(DeliveryStatus.DELIVERED));
        outcomes.outcomes.clear();
    }
}
