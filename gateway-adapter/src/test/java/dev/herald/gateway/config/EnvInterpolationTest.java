package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.endpoint.Endpoint;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code {{ env.NAME }}} in string values reads the environment; nothing else between braces is touched. */
class EnvInterpolationTest {

    private static LoadedPluginConfig load(String yaml, Map<String, String> env) throws ConfigException {
        return PluginConfigLoader.loadString(yaml, "test.yaml", null, env);
    }

    @Test
    void aWholeValueIsReplaced() throws ConfigException {
        LoadedPluginConfig c = load("""
                webhooks:
                  - url: "{{ env.HOOK_URL }}"
                    authentication: {type: bearer, token: "{{env.HOOK_TOKEN}}"}
                    retry_attempts: "{{ env.RETRIES }}"
                    enabled: "{{ env.ENABLED }}"
                """, Map.of("HOOK_URL", "https://hooks.example.com/x", "HOOK_TOKEN", "t0k3n", "RETRIES", "7",
                "ENABLED", "false"));

        Endpoint e = c.herald().endpoints().get(0);
        assertThat(e.url()).hasToString("https://hooks.example.com/x");
        assertThat(e.authentication().settings()).containsEntry("token", "t0k3n");
        assertThat(e.retryPolicy().retryAttempts()).isEqualTo(7);
        assertThat(e.enabled()).isFalse();
    }

    @Test
    void aReferenceInsideALongerStringIsReplaced() throws ConfigException {
        LoadedPluginConfig c = load("""
                webhooks:
                  - url: "https://{{ env.HOST }}:{{env.PORT}}/hooks/{{  env.PATH_PART  }}"
                """, Map.of("HOST", "hooks.example.com", "PORT", "8443", "PATH_PART", "ops"));

        assertThat(c.herald().endpoints().get(0).url()).hasToString("https://hooks.example.com:8443/hooks/ops");
    }

    @Test
    void templatePlaceholdersAreLeftAlone() throws ConfigException {
        LoadedPluginConfig c = load("""
                webhooks:
                  - url: "https://hooks.example.com/"
                payload_templates:
                  tool_error: '{"text": "{{ metadata.tool_name }} failed for {{user}} in {{ env.ENVIRONMENT }}"}'
                default_template: '{"event": "{{event}}", "environment": "{{env.ENVIRONMENT}}"}'
                """, Map.of("ENVIRONMENT", "prod"));

        assertThat(c.herald().templates().payloadTemplates().get("tool_error"))
                .isEqualTo("{\"text\": \"{{ metadata.tool_name }} failed for {{user}} in prod\"}");
        assertThat(c.herald().templates().defaultTemplate())
                .isEqualTo("{\"event\": \"{{event}}\", \"environment\": \"prod\"}");
    }

    @Test
    void theEntryShowsInterpolatedValues() throws ConfigException {
        LoadedPluginConfig c = load("webhooks:\n  - url: \"https://{{ env.HOST }}/\"\n", Map.of("HOST", "h.example"));

        assertThat(c.entry().get("config")).isEqualTo(Map.of("webhooks", java.util.List.of(Map.of("url",
                "https://h.example/"))));
    }

    @Test
    void anUnsetVariableIsAnErrorNamingThePathAndTheVariable() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://{{ env.HOOK_HOST }}/x"
                    authentication: {type: hmac, hmac_secret: "{{ env.HOOK_SECRET }}"}
                """, Map.of())).containsExactly(
                "webhooks[0].url: environment variable 'HOOK_HOST' is not set",
                "webhooks[0].authentication.hmac_secret: environment variable 'HOOK_SECRET' is not set");
    }

    @Test
    void anUnsetVariableInAGatewayFileNamesTheFullPath() {
        assertThat(Configs.errors("""
                plugins:
                  - name: "{{ env.PLUGIN_NAME }}"
                    kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                    config:
                      webhooks: [{url: "{{ env.URL }}"}]
                """, Map.of("PLUGIN_NAME", "Hooks"))).containsExactly(
                "plugins[0].config.webhooks[0].url: environment variable 'URL' is not set");
    }

    @Test
    void anyOtherUseOfEnvIsAnError() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://hooks.example.com/"
                    headers: {X-A: "{{ env.A | default('x') }}", X-B: "{{ env }}"}
                """, Map.of("A", "a"))).containsExactly(
                "webhooks[0].headers.X-A: unsupported environment reference '{{ env.A | default('x') }}'; only"
                        + " {{ env.NAME }} is interpolated",
                "webhooks[0].headers.X-B: unsupported environment reference '{{ env }}'; only {{ env.NAME }} is"
                        + " interpolated");
    }

    @Test
    void aValueFromTheEnvironmentIsNeverQuotedInAnError() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://hooks.example.com/"
                    retry_attempts: "{{ env.RETRIES }}"
                    events: ["{{ env.EVENT }}"]
                allowed_networks: ["{{ env.NETWORK }}"]
                """, Map.of("RETRIES", "sk-live-123", "EVENT", "sk-live-456", "NETWORK", "sk-live-789")))
                .containsExactly(
                        "webhooks[0].events[0]: unknown event type a string from the environment; known: violation,"
                                + " rate_limit_exceeded, pii_detected, harmful_content, tool_success, tool_error,"
                                + " prompt_success, resource_success, plugin_error; a custom type must match"
                                + " [a-z0-9_.]+, at most 128 characters",
                        "webhooks[0].retry_attempts: expected an integer, got a string from the environment",
                        "allowed_networks[0]: not a CIDR range (such as 10.0.0.0/8 or fd00::/8), got a string from"
                                + " the environment");
    }
}
