package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.endpoint.Endpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which entry of a gateway plugins file is the webhook plugin's, and what happens when that is unclear. */
class PluginSelectionTest {

    @Test
    void withoutANameTheOneEntryOfTheWebhookKindIsPicked() throws ConfigException {
        LoadedPluginConfig c = Configs.fixture("gateway-plugins.yaml");

        assertThat(c.pluginName()).isEqualTo("Notifier");
        assertThat(c.hooks()).containsExactly("tool_post_invoke");
        assertThat(c.mode()).isEqualTo("fire_and_forget");
        assertThat(c.priority()).isEqualTo(500);
        assertThat(c.herald().endpoints()).extracting(Endpoint::name).containsExactly("hooks.example.com");
        assertThat(c.herald().templates().pluginName()).isEqualTo("Notifier");
    }

    @Test
    void theEntryKeepsKeysHeraldDoesNotUse() throws ConfigException {
        Map<String, Object> entry = Configs.fixture("gateway-plugins.yaml").entry();

        assertThat(entry).containsEntry("description", "Tells the on-call channel").containsEntry("version", "1.0")
                .containsEntry("tags", List.of("notification")).containsEntry("priority", 500);
        assertThat(entry).containsKeys("name", "kind", "hooks", "mode", "conditions", "config");
    }

    @Test
    void aNameIsMatchedIgnoringCase() throws ConfigException {
        LoadedPluginConfig c = Configs.fixture("gateway-two-webhooks.yaml", "audithooks", Map.of());

        assertThat(c.pluginName()).isEqualTo("AuditHooks");
        assertThat(c.herald().endpoints()).extracting(e -> e.url().getHost()).containsExactly("audit.example.com");
    }

    @Test
    void aNamedEntryOfAnotherKindIsReadAsAWebhookConfigAndItsKeysReported() {
        // Named explicitly, PIIFilterPlugin is taken at its word: its config's keys are reported, not ignored.
        assertThatThrownBy(() -> Configs.fixture("gateway-plugins.yaml", "PIIFilterPlugin", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("plugins[0].config.api_token: environment variable 'SOME_VARIABLE_HERALD_NEVER_READS' is"
                        + " not set\n"
                        + "plugins[0].config.detect_ssn: unknown key; known keys: webhooks, payload_templates,"
                        + " default_template, include_payload_data, max_payload_size, capacity,"
                        + " max_in_flight_per_endpoint, close_timeout, store, templates, max_output_bytes, max_render_time, http, allowed_networks");
    }

    @Test
    void otherEntriesAreNeitherInterpolatedNorChecked() throws ConfigException {
        // PIIFilterPlugin references a variable that is not set: that is the gateway's business, not Herald's.
        assertThat(Configs.fixture("gateway-plugins.yaml", "notifier", Map.of()).pluginName()).isEqualTo("Notifier");
    }

    @Test
    void severalWebhookEntriesNeedAName() {
        assertThatThrownBy(() -> Configs.fixture("gateway-two-webhooks.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("plugins: 2 webhook notification plugins (plugins[0] 'OpsHooks', plugins[1] 'AuditHooks');"
                        + " name the one to load (--plugin NAME)");
    }

    @Test
    void noWebhookEntryIsAnError() {
        List<String> errors = Configs.errors("""
                plugins:
                  - name: "PIIFilterPlugin"
                    kind: "plugins.pii_filter.pii_filter.PIIFilterPlugin"
                plugin_dirs: []
                """);

        assertThat(errors).containsExactly("plugins: no webhook notification plugin (an entry whose kind ends in"
                + " 'webhook_notification.WebhookNotificationPlugin'); name the plugin to load (--plugin NAME)");
    }

    @Test
    void anUnknownNameIsAnErrorListingTheNames() {
        assertThatThrownBy(() -> Configs.fixture("gateway-two-webhooks.yaml", "OpsHook", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("plugins: no plugin named 'OpsHook'; plugins: OpsHooks, AuditHooks (did you mean"
                        + " 'OpsHooks'?)");
    }

    @Test
    void twoEntriesWithTheSameNameAreAnError() {
        assertThatThrownBy(() -> PluginConfigLoader.loadString("""
                plugins:
                  - {name: "Hooks", kind: "a.webhook_notification.WebhookNotificationPlugin"}
                  - {name: "hooks", kind: "b.webhook_notification.WebhookNotificationPlugin"}
                """, "test.yaml", "HOOKS", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("plugins: 2 plugins are named 'HOOKS' (plugins[0] 'Hooks', plugins[1] 'hooks'); a plugin's"
                        + " name must be unique");
    }

    @Test
    void anExternalEntryHoldsNoConfigToLoad() {
        assertThatThrownBy(() -> PluginConfigLoader.loadString("""
                plugins:
                  - name: "WebhookNotification"
                    kind: "external"
                    mcp: {proto: STREAMABLEHTTP, url: "http://127.0.0.1:8000/mcp"}
                """, "test.yaml", "WebhookNotification", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("plugins[0].kind: 'external' entries hold no config");
    }

    @Test
    void aFileOfNeitherFormIsAnErrorWithAHint() {
        assertThat(Configs.errors("webhook:\n  - url: https://a.example.com/\n")).containsExactly("test.yaml:"
                + " expected a gateway plugins file (a top-level 'plugins' list) or a webhook plugin config block"
                + " (a top-level 'webhooks' list, or 'config:' holding one) (found 'webhook': did you mean 'webhooks'?)");
        assertThat(Configs.errors("")).containsExactly("test.yaml: expected a map at the top level (a gateway"
                + " plugins file or a webhook plugin config block), got an empty document");
        assertThat(Configs.errors("- a\n- b\n")).containsExactly("test.yaml: expected a map at the top level (a"
                + " gateway plugins file or a webhook plugin config block), got a list");
    }

    @Test
    void anEntryWithoutConfigHasNoEndpoints() throws ConfigException {
        LoadedPluginConfig c = PluginConfigLoader.loadString("""
                plugins:
                  - name: "WebhookNotification"
                    kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                """, "test.yaml", null, Map.of());

        assertThat(c.herald().endpoints()).isEmpty();
        assertThat(c.hooks()).isEmpty();
        assertThat(c.mode()).isEqualTo("sequential");
        assertThat(c.priority()).isEqualTo(100);
        // The gateway is told what Herald runs with.
        assertThat(c.entry()).containsEntry("hooks", List.of()).containsEntry("mode", "sequential")
                .containsEntry("priority", 100).containsEntry("conditions", List.of());
    }
}
