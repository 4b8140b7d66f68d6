package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.gateway.server.PluginServerSettings.Transport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginServerSettingsTest {

    @Test
    void anEmptyEnvironmentGivesTheGatewaysDefaults() {
        PluginServerSettings s = PluginServerSettings.fromEnvironment(Map.of(), null, null, null, null);

        assertThat(s).isEqualTo(new PluginServerSettings("127.0.0.1", 8000, Transport.HTTP, null));
        assertThat(PluginServerSettings.defaults()).isEqualTo(s);
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = Map.of("PLUGINS_SERVER_HOST", "0.0.0.0", "PLUGINS_SERVER_PORT", " 9001 ",
                "PLUGINS_TRANSPORT", "STDIO", "PLUGINS_CONFIG_PATH", "plugins/config.yaml");

        PluginServerSettings s = PluginServerSettings.fromEnvironment(env, null, null, null, null);

        assertThat(s).isEqualTo(new PluginServerSettings("0.0.0.0", 9001, Transport.STDIO,
                Path.of("plugins/config.yaml")));
    }

    @Test
    void commandLineValuesWinOverTheEnvironment() {
        Map<String, String> env = Map.of("PLUGINS_SERVER_HOST", "0.0.0.0", "PLUGINS_SERVER_PORT", "9001",
                "PLUGINS_TRANSPORT", "stdio", "PLUGINS_CONFIG_PATH", "env.yaml");

        PluginServerSettings s = PluginServerSettings.fromEnvironment(env, "localhost", 0, false, "cli.yaml");

        assertThat(s).isEqualTo(new PluginServerSettings("localhost", 0, Transport.HTTP, Path.of("cli.yaml")));
        assertThat(PluginServerSettings.fromEnvironment(Map.of(), null, null, true, null).transport())
                .isEqualTo(Transport.STDIO);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "PLUGINS_SERVER_PORT | eighty",
            "PLUGINS_SERVER_PORT | 70000",
            "PLUGINS_SERVER_PORT | -1",
            "PLUGINS_SERVER_PORT | ''",
            "PLUGINS_SERVER_HOST | '  '",
            "PLUGINS_TRANSPORT | sse",
            "PLUGINS_TRANSPORT | ''",
            "PLUGINS_CONFIG_PATH | ''"})
    void aBadValueIsAnErrorNamingItsVariable(String variable, String value) {
        assertThatThrownBy(() -> PluginServerSettings.fromEnvironment(Map.of(variable, value), null, null, null,
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(variable + ":");
    }

    @Test
    void aBadCommandLineValueIsAnErrorNamingItsOption() {
        assertThatThrownBy(() -> PluginServerSettings.fromEnvironment(Map.of(), null, 65_536, null, null))
                .hasMessageStartingWith("--port:");
        assertThatThrownBy(() -> PluginServerSettings.fromEnvironment(Map.of(), "", null, null, null))
                .hasMessageStartingWith("--host:");
    }
}
