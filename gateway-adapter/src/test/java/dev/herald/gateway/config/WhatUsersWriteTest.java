package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Files and values as users write them: the config block as copied from the gateway file, IDNA host names. */
class WhatUsersWriteTest {

    @Test
    void theConfigBlockWithItsKeyLoads() throws ConfigException {
        // Refused before: "expected a gateway plugins file ... or a webhook plugin config block".
        LoadedPluginConfig c = Configs.inline("""
                config:
                  webhooks:
                    - url: "https://hooks.example.com/a"
                      events: ["tool_error"]
                """);

        assertThat(c.pluginName()).isEqualTo("WebhookNotification");
        assertThat(c.herald().endpoints()).hasSize(1);
    }

    @Test
    void theConfigBlockWithItsKeyIsReportedAtTheKeysTheFileHas() {
        assertThat(Configs.errors("""
                config:
                  webhooks:
                    - url: "https://hooks.example.com/a"
                      retry_delay: 50
                      authentication: {type: bearer, token: "{{ env.HERALD_UNSET }}"}
                """)).containsExactly(
                "config.webhooks[0].authentication.token: environment variable 'HERALD_UNSET' is not set",
                "config.webhooks[0].retry_delay: must be between 100 and 60000, got 50");
    }

    @Test
    void aWholeEntryCopiedWithoutThePluginsListLoads() throws ConfigException {
        LoadedPluginConfig c = Configs.inline("""
                name: "Notify"
                kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                hooks: ["tool_post_invoke"]
                config:
                  webhooks:
                    - url: "https://hooks.example.com/a"
                """);

        assertThat(c.pluginName()).isEqualTo("Notify");
        assertThat(c.hooks()).containsExactly("tool_post_invoke");
    }

    @Test
    void anInternationalisedHostNameWorks() throws ConfigException {
        // Refused before: "host 'bücher.example' is neither a host name nor an IP address written in full".
        LoadedPluginConfig c = Configs.inline("webhooks:\n  - url: \"https://bücher.example/hook\"\n");

        assertThat(c.herald().endpoints().get(0).url().getHost()).isEqualTo("xn--bcher-kva.example");
        assertThat(c.herald().endpoints().get(0).name()).startsWith("xn--bcher-kva.example");
    }

    @Test
    void anInvalidInternationalisedHostNameSaysThatIsTheProblem() {
        assertThat(Configs.errors("webhooks:\n  - url: \"https://bü_cher.example/hook\"\n", Map.of()))
                .singleElement().asString().startsWith("webhooks[0].url: host 'bü_cher.example' is not a valid"
                        + " internationalised domain name (IDNA): ");
    }
}
