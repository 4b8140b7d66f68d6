package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code herald check} accepts a template fragment shared by others, and checks it inside each of them. */
class CheckFragmentsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(String yaml) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return new CommandLine(new CheckCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--config", file.toString());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSharedFragmentIsCheckedInsideTheTemplatesThatIncludeIt() throws Exception {
        // Refused before: "templates.common: the output is not valid JSON".
        int code = check("""
                webhooks:
                  - url: "https://hooks.example.com/"
                    events: [tool_error]
                    template: slack
                templates:
                  common: '"user": ${jsonString(user)}, "tenant": ${jsonString(tenant_id)}'
                  slack: '{"text": ${jsonString(event)}, <#include "templates.common">}'
                """);

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("templates.common: a fragment, checked inside each template that includes it",
                "\"user\": \"alice@example.com\"");
    }

    @Test
    void aBrokenFragmentIsReportedInsideTheTemplateThatIncludesIt() throws Exception {
        int code = check("""
                webhooks:
                  - url: "https://hooks.example.com/"
                    template: slack
                templates:
                  common: '"user": ${user}'
                  slack: '{"text": ${jsonString(event)}, <#include "templates.common">}'
                """);

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("  templates.slack: ").doesNotContain("templates.common:", "Exception");
    }

    @Test
    void aFragmentAWebhookAlsoUsesOnItsOwnMustBeJsonOnItsOwn() throws Exception {
        int code = check("""
                webhooks:
                  - url: "https://hooks.example.com/"
                    template: common
                templates:
                  common: '"user": ${jsonString(user)}'
                  slack: '{"text": ${jsonString(event)}, <#include "templates.common">}'
                """);

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("  templates.common: ", "a webhook also uses it on its own");
    }
}
