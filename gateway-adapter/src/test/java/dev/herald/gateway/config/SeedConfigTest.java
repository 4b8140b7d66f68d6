package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.templates.TemplateConfig;
import dev.herald.transport.http.HttpTransportConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed plugin's own config, as gateway-protocol.md section 1 shows it, loads with the seed's meaning. */
class SeedConfigTest {
    private static final String SEED_KIND = "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin";
    private static final List<String> SEED_HOOKS = List.of("tool_pre_invoke", "tool_post_invoke",
            "prompt_post_fetch", "resource_post_fetch");

    @Test
    void theSeedExampleLoadsAsAWholeGatewayFile() throws ConfigException {
        LoadedPluginConfig c = Configs.fixture("seed-example.yaml");

        assertThat(c.pluginName()).isEqualTo("WebhookNotification");
        assertThat(c.kind()).isEqualTo(SEED_KIND);
        assertThat(c.hooks()).isEqualTo(SEED_HOOKS);
        assertThat(c.mode()).isEqualTo("sequential");
        assertThat(c.priority()).isEqualTo(900);
        assertThat(c.conditions()).isEmpty();
        assertSeedExample(c);
    }

    @Test
    void theSeedExampleLoadsAsAConfigBlockAlone() throws ConfigException {
        LoadedPluginConfig c = Configs.fixture("seed-example-block.yaml");

        assertThat(c.pluginName()).isEqualTo("WebhookNotification");
        assertThat(c.kind()).isEqualTo(SEED_KIND);
        assertThat(c.hooks()).isEqualTo(SEED_HOOKS);
        assertThat(c.mode()).isEqualTo("sequential");
        assertThat(c.priority()).isEqualTo(900);
        assertSeedExample(c);
        assertThat(c.entry()).containsEntry("name", "WebhookNotification").containsEntry("kind", SEED_KIND)
                .containsEntry("hooks", SEED_HOOKS).containsEntry("mode", "sequential").containsEntry("priority", 900)
                .containsEntry("conditions", List.of());
        assertThat(c.entry().get("config")).isInstanceOf(Map.class);
    }

    @Test
    void bothFormsGiveTheSameEntryConfig() throws ConfigException {
        assertThat(Configs.fixture("seed-example-block.yaml").entry().get("config"))
                .isEqualTo(Configs.fixture("seed-example.yaml").entry().get("config"));
    }

    private static void assertSeedExample(LoadedPluginConfig c) {
        assertThat(c.herald().endpoints()).hasSize(1);
        Endpoint e = c.herald().endpoints().get(0);
        assertThat(e.url()).hasToString("https://hooks.example.com/webhook");
        assertThat(e.name()).isEqualTo("hooks.example.com");
        assertThat(e.filter()).isEqualTo(EventFilter.of(EventType.VIOLATION, EventType.TOOL_SUCCESS,
                EventType.TOOL_ERROR, EventType.RATE_LIMIT_EXCEEDED, EventType.PII_DETECTED));
        assertThat(e.authentication()).isEqualTo(AuthSpec.of("hmac", Map.of("hmac_secret", "...",
                "hmac_algorithm", "sha256", "hmac_header", "X-Signature")));
        assertThat(e.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(e.retryPolicy().schedule()).containsExactly(Duration.ofMillis(1000), Duration.ofMillis(2000),
                Duration.ofMillis(4000));
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(e.enabled()).isTrue();
        assertThat(e.headers()).isEmpty();
        assertThat(e.template()).isEmpty();

        TemplateConfig t = c.herald().templates();
        assertThat(t.payloadTemplates()).containsOnlyKeys("tool_error");
        assertThat(t.payloadTemplates().get("tool_error"))
                .isEqualTo("{\"text\": \"Tool {{metadata.tool_name}} failed: {{metadata.error}}\"}");
        assertThat(t.defaultTemplate()).startsWith("{\"event\": \"{{event}}\", \"plugin\": \"{{plugin_name}}\"")
                .endsWith("\"metadata\": {{metadata}}}\n");
        assertThat(t.includePayloadData()).isFalse();
        assertThat(t.maxPayloadSize()).isEqualTo(1000);
        assertThat(t.pluginName()).isEqualTo("WebhookNotification");
        assertThat(c.includePayloadData()).isFalse();
        // The gateway client's defaults, for exactly the endpoints the webhooks name.
        assertThat(c.herald().transport()).isEqualTo(HttpTransportConfig.builder()
                .endpointNames(c.herald().endpoints().stream().map(Endpoint::name).toList()).build());
    }

    @Test
    void aWebhookWithOnlyAUrlTakesEverySeedDefault() throws ConfigException {
        LoadedPluginConfig c = Configs.fixture("seed-defaults.yaml");

        Endpoint e = c.herald().endpoints().get(0);
        assertThat(e.filter()).isEqualTo(EventFilter.DEFAULT);
        assertThat(e.authentication()).isEqualTo(AuthSpec.NONE);
        assertThat(e.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(e.enabled()).isTrue();
        assertThat(c.herald().templates()).isEqualTo(TemplateConfig.ofDefaults());
        assertThat(c.herald().templates().defaultTemplate()).isEqualTo(TemplateConfig.SEED_DEFAULT_TEMPLATE);
        assertThat(c.includePayloadData()).isFalse();
        assertThat(c.herald().capacity()).isEqualTo(10_000);
        assertThat(c.herald().maxInFlightPerEndpoint()).isEqualTo(64);
        assertThat(c.herald().closeTimeout()).isEqualTo(Duration.ofSeconds(10));
        // The gateway client's defaults, for exactly the endpoints the webhooks name.
        assertThat(c.herald().transport()).isEqualTo(HttpTransportConfig.builder()
                .endpointNames(c.herald().endpoints().stream().map(Endpoint::name).toList()).build());
    }

    @Test
    void anEmptyConfigBlockHasNoEndpoints() throws ConfigException {
        LoadedPluginConfig c = Configs.inline("webhooks: []\n");

        assertThat(c.herald().endpoints()).isEmpty();
    }

    @Test
    void theDocumentsElidedDefaultTemplateIsRefusedBecauseItIsNotJson() {
        // The doc's default_template ends in "...": the seed would send that broken JSON; Herald refuses it.
        assertThatThrownBy(() -> Configs.fixture("seed-example-verbatim.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("plugins[0].config.default_template: line 1, column 83: the output is not"
                        + " valid JSON");
    }
}
