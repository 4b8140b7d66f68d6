package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads the YAML fixtures under {@code src/test/resources/config}, and configs written inline in tests. */
final class Configs {
    static final Path DIR = Path.of("src/test/resources/config");

    private Configs() {}

    static LoadedPluginConfig fixture(String name) throws ConfigException {
        return PluginConfigLoader.load(DIR.resolve(name), null, Map.of());
    }

    static LoadedPluginConfig fixture(String name, String plugin, Map<String, String> env) throws ConfigException {
        return PluginConfigLoader.load(DIR.resolve(name), plugin, env);
    }

    static LoadedPluginConfig inline(String yaml) throws ConfigException {
        return PluginConfigLoader.loadString(yaml, "test.yaml", null, Map.of());
    }

    /** The errors loading the YAML gives; fails when it loads. */
    static List<String> errors(String yaml) {
        return errors(yaml, Map.of());
    }

    static List<String> errors(String yaml, Map<String, String> env) {
        try {
            LoadedPluginConfig loaded = PluginConfigLoader.loadString(yaml, "test.yaml", null, env);
            throw new AssertionError("expected errors, but it loaded: " + loaded);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isEqualTo(String.join("\n", e.errors()));
            return e.errors();
        }
    }
}
