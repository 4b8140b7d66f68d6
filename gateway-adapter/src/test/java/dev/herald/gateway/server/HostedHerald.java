package dev.herald.gateway.server;

import com.google.inject.Module;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.gateway.hooks.WebhookNotificationPlugin;
import dev.herald.transport.http.HttpTransportConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real Herald with one seed-HMAC endpoint, and the webhook plugin over it as the plugin server hosts it. */
final class HostedHerald implements AutoCloseable {
    static final String PLUGIN_NAME = "WebhookNotification";
    static final RetryPolicy FAST = RetryPolicy.builder().retryAttempts(2).baseDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofMillis(200)).build();

    final Herald herald;
    final HostedPlugin hosted;

    private HostedHerald(Herald herald, HostedPlugin hosted) {
        this.herald = herald;
        this.hosted = hosted;
    }

    /** Starts Herald, with these overrides (its meters and traces, listeners), and the plugin over it. */
    static HostedHerald start(String url, String hmacSecret, RetryPolicy retry, Duration closeTimeout,
            Module... overrides) {
        Endpoint endpoint = Endpoint.builder(url).name("receiver").filter(EventFilter.of(EventType.BUILT_IN))
                .authentication(AuthSpec.of("hmac", Map.of("hmac_secret", hmacSecret))).retryPolicy(retry)
                .timeout(Duration.ofSeconds(5)).build();
        HeraldConfig config = HeraldConfig.builder().endpoints(List.of(endpoint))
                .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                .closeTimeout(closeTimeout).build();
        Herald herald = Herald.start(config, overrides);
        WebhookNotificationPlugin plugin = new WebhookNotificationPlugin(PLUGIN_NAME, herald.dispatcher(), false);
        return new HostedHerald(herald, new HostedPlugin(configEntry(url), plugin));
    }

    /** The gateway's entry for the plugin, its secret redacted, with a null to show that nulls survive. */
    static Map<String, Object> configEntry(String url) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "hmac");
        auth.put("hmac_secret", "********");
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("url", url);
        webhook.put("events", List.of("violation", "tool_success", "tool_error"));
        webhook.put("authentication", auth);
        webhook.put("retry_attempts", 2);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", PLUGIN_NAME);
        entry.put("kind", "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin");
        entry.put("description", "Sends webhooks on tool, prompt and resource events");
        entry.put("hooks", List.of("tool_pre_invoke", "tool_post_invoke", "prompt_post_fetch",
                "resource_post_fetch"));
        entry.put("mode", "permissive");
        entry.put("priority", 900);
        entry.put("conditions", List.of());
        entry.put("applied_to", null);
        entry.put("config", Map.of("webhooks", List.of(webhook), "include_payload_data", false));
        return entry;
    }

    @Override
    public void close() {
        herald.close();
    }
}
