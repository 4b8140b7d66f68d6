package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.endpoint.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invalid YAML names the file, line and column; YAML's own features work as in the gateway's PyYAML. */
class YamlSyntaxTest {

    @Test
    void aSyntaxErrorNamesTheFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "webhooks:\n  - url: https://a.example.com/\n    retry_attempts: [1\n");

        assertThatThrownBy(() -> PluginConfigLoader.load(file, null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": line 4, column 1: invalid YAML: expected ',' or ']', but got <stream end>"
                        + " (while parsing a flow sequence at line 3, column 21)");
    }

    @Test
    void anUnterminatedQuoteDoesNotEchoTheLineThatMayHoldASecret() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: https://a.example.com/
                    authentication: {type: bearer, token: "tok-very-secret}
                """)).singleElement().asString()
                .startsWith("test.yaml: line 4, column 1: invalid YAML: ")
                .doesNotContain("tok-very-secret");
    }

    @Test
    void aTabIsNamedWhereItIs() {
        assertThat(Configs.errors("webhooks:\n  - url: https://a.example.com/\n\ttimeout: 5\n")).containsExactly(
                "test.yaml: line 3, column 1: invalid YAML: found character '\\t(TAB)' that cannot start any token."
                        + " (Do not use \\t(TAB) for indentation)");
    }

    @Test
    void aDuplicateKeyIsAnError() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    url: "https://b.example.com/"
                """)).containsExactly("test.yaml: line 3, column 5: duplicate key 'url'");
    }

    @Test
    void anAliasWithoutAnchorIsAnError() {
        assertThat(Configs.errors("webhooks:\n  - url: *nowhere\n"))
                .containsExactly("test.yaml: line 2, column 10: alias '*nowhere' refers to no anchor defined before it");
    }

    @Test
    void onlyOneDocumentIsRead() {
        assertThat(Configs.errors("webhooks: []\n---\nwebhooks: []\n"))
                .containsExactly("test.yaml: line 3, column 1: more than one YAML document; expected one");
    }

    @Test
    void anchorsAliasesAndMergeKeysResolve() throws ConfigException {
        LoadedPluginConfig c = Configs.inline("""
                webhooks:
                  - &base
                    url: "https://a.example.com/"
                    events: &events [tool_error, tool_success]
                    retry_attempts: 5
                    timeout: 20
                  - <<: *base
                    url: "https://b.example.com/"
                    timeout: 30
                  - url: "https://c.example.com/"
                    events: *events
                """);

        assertThat(c.herald().endpoints()).extracting(Endpoint::name).containsExactly("a.example.com",
                "b.example.com", "c.example.com");
        Endpoint b = c.herald().endpoints().get(1);
        assertThat(b.retryPolicy().retryAttempts()).isEqualTo(5);
        assertThat(b.timeout()).hasSeconds(30);
        assertThat(c.herald().endpoints().get(2).filter().types())
                .isEqualTo(c.herald().endpoints().get(0).filter().types());
    }

    @Test
    void anAliasBombIsRefused() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 9; i++) {
            String prev = "*a" + (i - 1);
            yaml.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ",
                    java.util.Collections.nCopies(10, prev))).append("]\n");
        }
        yaml.append("webhooks: []\n");

        assertThat(Configs.errors(yaml.toString())).singleElement().asString()
                .contains("too large: more than 1000000 values once aliases are expanded");
    }

    @Test
    void anchorsOnPlainValuesResolve() throws ConfigException {
        LoadedPluginConfig c = Configs.inline("""
                webhooks:
                  - url: &url "https://a.example.com/hook"
                    name: first
                    timeout: &t 30
                  - url: *url
                    name: second
                    timeout: *t
                """);

        Endpoint second = c.herald().endpoints().get(1);
        assertThat(second.url()).hasToString("https://a.example.com/hook");
        assertThat(second.timeout()).hasSeconds(30);
    }

    @Test
    void aMissingFileIsReported(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> PluginConfigLoader.load(missing, null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": cannot read (NoSuchFileException)");
    }

    @Test
    void theExceptionCarriesNoStackTrace() {
        ConfigException e = new ConfigException(java.util.List.of("a: b", "c: d"));

        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("a: b\nc: d");
        assertThat(e.errors()).containsExactly("a: b", "c: d");
    }
}
