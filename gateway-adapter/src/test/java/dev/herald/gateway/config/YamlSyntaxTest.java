package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.herald.core.endpoint.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
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

    /** Bombs must fail at once; the bound only stops a regression from hanging the build. */
    private static List<String> refusedWithoutHanging(String yaml) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Configs.errors(yaml));
    }

    @Test
    void theClassicBillionLaughsIsRefused() {
        StringBuilder yaml = new StringBuilder("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 8; i++) {
            yaml.append("lol").append(i).append(": &lol").append(i).append(" [")
                    .append(String.join(", ", Collections.nCopies(9, "*lol" + (i - 1)))).append("]\n");
        }
        yaml.append("webhooks: *lol8\n");

        assertThat(refusedWithoutHanging(yaml.toString())).containsExactly(
                "test.yaml: line 7, column 14: too large: more than 1000000 values once aliases are expanded");
    }

    @Test
    void oneLongStringAliasedManyTimesIsRefused() {
        // Few values, but 2000 aliases of 64 KiB would be 128 MiB of text for every later step to copy and scan.
        String yaml = "s: &s [\"" + "{{ env.X }}".repeat(6000) + "\"]\nwebhooks: ["
                + String.join(", ", Collections.nCopies(900, "*s")) + "]\n";

        assertThat(refusedWithoutHanging(yaml)).singleElement().asString()
                .endsWith("too large: more than 8388608 characters of text once aliases are expanded");
    }

    @Test
    void aliasesAreCounted() {
        String yaml = "a: &a x\nwebhooks: [" + String.join(", ", Collections.nCopies(1001, "*a")) + "]\n";

        assertThat(refusedWithoutHanging(yaml)).singleElement().asString()
                .endsWith("too many aliases: more than 1000");
    }

    @Test
    void deepNestingIsRefused() {
        assertThat(refusedWithoutHanging("webhooks: " + "[".repeat(100_000) + "]".repeat(100_000))).containsExactly(
                "test.yaml: invalid YAML: Document nesting depth (101) exceeds the maximum allowed (100, from"
                        + " `StreamReadConstraints.getMaxNestingDepth()`)");
        assertThat(refusedWithoutHanging("webhooks:\n  " + "- ".repeat(5000) + "x\n")).singleElement().asString()
                .contains("nesting depth (101) exceeds the maximum allowed (100");
    }

    @Test
    void aFileOfMoreThanAMebibyteIsRefused() {
        String yaml = "webhooks: []\nx: '" + "a".repeat(1 << 20) + "'\n";

        assertThat(refusedWithoutHanging(yaml)).singleElement().asString()
                .endsWith("invalid YAML: The incoming YAML document exceeds the limit: 1048576 code points.");
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
    void aBinaryValueIsRefusedByName() {
        assertThat(Configs.errors("webhooks: []\ntemplates: {t: !!binary aGVsbG8=}\n")).containsExactly(
                "test.yaml: line 2, column 16: a !!binary value is not supported; write the text itself");
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
