package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A value that could not be read is reported once, at the key the user wrote, and nothing is built from it: no
 * second error about the empty text left in its place, and no exception from a half-built webhook.
 */
class OneCauseOneMessageTest {
    private static final String UNSET = "environment variable 'HERALD_UNSET' is not set";

    @Test
    void anUnsetTokenIsOneErrorAndNoException() {
        // Threw a NullPointerException: the webhook was built with no authentication at all.
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://hooks.example.com/"
                    authentication: {type: bearer, token: "{{ env.HERALD_UNSET }}"}
                """)).containsExactly("webhooks[0].authentication.token: " + UNSET);
    }

    @Test
    void anUnsetAuthenticationBlockIsOneError() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://hooks.example.com/"
                    authentication: "{{ env.HERALD_UNSET }}"
                """)).containsExactly("webhooks[0].authentication: " + UNSET);
    }

    @Test
    void anUnsetNetworkIsNotAlsoAnInvalidRangeUnderHttp() {
        assertThat(Configs.errors("""
                allowed_networks: ["{{ env.HERALD_UNSET }}"]
                webhooks:
                  - url: "https://hooks.example.com/"
                """)).containsExactly("allowed_networks[0]: " + UNSET);
    }

    @Test
    void anUnsetEventTypeIsNotAlsoAnEmptyEventList() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://hooks.example.com/"
                    events: ["{{ env.HERALD_UNSET }}"]
                """)).containsExactly("webhooks[0].events[0]: " + UNSET);
    }

    @Test
    void anUnsetPluginNameIsReportedAtTheEntrysName() {
        assertThat(Configs.errors(gatewayFile("\"{{ env.HERALD_UNSET }}\""), Map.of()))
                .containsExactly("plugins[0].name: " + UNSET);
    }

    @Test
    void aBlankPluginNameIsReportedAtTheEntrysName() {
        assertThat(Configs.errors(gatewayFile("\"  \""), Map.of()))
                .containsExactly("plugins[0].name: must not be blank");
    }

    private static String gatewayFile(String name) {
        return """
                plugins:
                  - name: %s
                    kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                    config:
                      webhooks:
                        - url: "https://hooks.example.com/"
                """.formatted(name);
    }
}
