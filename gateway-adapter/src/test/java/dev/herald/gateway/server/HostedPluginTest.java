package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.gateway.hooks.WebhookNotificationPlugin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostedPluginTest {
    private final Herald herald = Herald.start(HeraldConfig.builder().build());

    @AfterEach
    void stop() {
        herald.close();
    }

    private WebhookNotificationPlugin plugin(String name) {
        return new WebhookNotificationPlugin(name, herald.dispatcher(), false);
    }

    private static Map<String, Object> entry(String name) {
        Map<String, Object> e = new HashMap<>();
        e.put("name", name);
        e.put("kind", "external");
        return e;
    }

    @Test
    void anEntryNeedsANameAndAKind() {
        Map<String, Object> noKind = entry("A");
        noKind.remove("kind");
        Map<String, Object> numericName = entry("A");
        numericName.put("name", 7);

        assertThatThrownBy(() -> new HostedPlugin(noKind, plugin("A"))).hasMessageContaining("'kind'");
        assertThatThrownBy(() -> new HostedPlugin(numericName, plugin("A"))).hasMessageContaining("'name'");
    }

    @Test
    void theEntryNamesThePluginItHosts() {
        assertThat(new HostedPlugin(entry("webhooknotification"), plugin("WebhookNotification")).name())
                .isEqualTo("webhooknotification");
        assertThatThrownBy(() -> new HostedPlugin(entry("Other"), plugin("WebhookNotification")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must match");
    }

    @Test
    void theEntryIsCopiedAndKeepsItsNulls() {
        Map<String, Object> e = entry("A");
        e.put("conditions", null);

        HostedPlugin hosted = new HostedPlugin(e, plugin("A"));
        e.put("name", "changed");

        assertThat(hosted.configEntry()).containsEntry("name", "A").containsEntry("conditions", null);
        assertThatThrownBy(() -> hosted.configEntry().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void pluginNamesMustBeUniqueCaseAside() {
        List<HostedPlugin> clash = List.of(new HostedPlugin(entry("Hooks"), plugin("Hooks")),
                new HostedPlugin(entry("HOOKS"), plugin("HOOKS")));

        assertThatThrownBy(() -> PluginServer.http(clash, "127.0.0.1", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
    }
}
