package dev.herald.gateway.server;

import static dev.herald.gateway.server.GatewayCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.engine.Herald;
import dev.herald.gateway.config.LoadedPluginConfig;
import dev.herald.gateway.config.PluginConfigLoader;
import dev.herald.gateway.hooks.WebhookNotificationPlugin;
import dev.herald.store.jdbc.StoreSettings;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code get_plugin_config(s)} handed the gateway, which logs and displays it, every webhook URL whole, path and
 * query included, while {@code check} hides them: a Slack hook's path is its credential. The loaded config is now
 * masked as {@code check} shows it, the store's database URL too, and the answer the real server gives over HTTP
 * holds no path, query, user information or secret.
 */
class HandedConfigMasksUrlsTest {
    private static final List<String> SECRETS = List.of("services", "T0001", "B0002", "pathsecret", "querysecret",
            "pw-in-url", "dbsecret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "db-password");
    private static final String YAML = """
            plugins:
              - name: "WebhookNotification"
                kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                hooks: ["tool_post_invoke"]
                config:
                  webhooks:
                    - name: "slack"
                      url: "https://hooks.slack.example:8443/services/T0001/B0002/pathsecret?token=querysecret"
                      events: ["tool_error"]
                      authentication: {type: "standard_webhooks", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}
                    - name: "root"
                      url: "https://hooks.example.com"
                      events: ["tool_error"]
                  store:
                    type: "postgres"
                    url: "jdbc:postgresql://db.example:5432/herald?password=dbsecret&ssl=true"
                    password: "db-password"
            """;

    private Herald herald;
    private PluginServer server;
    private McpSyncClient client;

    @BeforeEach
    void serve() throws Exception {
        LoadedPluginConfig loaded = PluginConfigLoader.loadString(YAML, "plugins.yaml", null, Map.of());
        // The store is masked in the entry, not opened: the test needs no database.
        herald = Herald.start(loaded.herald().withStore(StoreSettings.memory()));
        WebhookNotificationPlugin plugin = new WebhookNotificationPlugin(loaded.pluginName(), herald.dispatcher(),
                false);
        server = PluginServer.http(List.of(new HostedPlugin(loaded.entry(), plugin)), "127.0.0.1", 0).start();
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(10)).build();
        client.initialize();
    }

    @AfterEach
    void close() {
        client.closeGracefully();
        server.close();
        herald.close();
    }

    @Test
    void getPluginConfigShowsSchemeHostAndPortOnly() {
        JsonNode entry = call(client, "get_plugin_config", Map.of("name", "WebhookNotification"));

        JsonNode config = entry.get("config");
        assertThat(config.at("/webhooks/0/url").asText())
                .isEqualTo("https://hooks.slack.example:8443/… (path and query not shown)");
        assertThat(config.at("/webhooks/1/url").asText()).isEqualTo("https://hooks.example.com");
        assertThat(config.at("/webhooks/0/authentication/secret").asText()).isEqualTo("********");
        assertThat(config.at("/store/url").asText()).isEqualTo("jdbc:postgresql://db.example:5432/herald?...");
        assertThat(config.at("/store/password").asText()).isEqualTo("********");
        assertThat(entry.toString()).doesNotContain(SECRETS);
    }

    @Test
    void getPluginConfigsHandsNoPathQueryOrSecretEither() {
        JsonNode entries = call(client, "get_plugin_configs", Map.of());

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).at("/config/webhooks/0/url").asText())
                .isEqualTo("https://hooks.slack.example:8443/… (path and query not shown)");
        assertThat(entries.toString()).doesNotContain(SECRETS);
    }
}
