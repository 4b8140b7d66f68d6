package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets never leave the process: the entry masks them, and no error message holds one. */
class SecretsTest {
    private static final String MASK = LoadedPluginConfig.REDACTED;
    private static final List<String> SECRETS = List.of("bearer-token-s3cr3t", "api-key-s3cr3t", "hmac-s3cr3t",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_dGhpcy1pcy1hbi1vbGQtc2VjcmV0LWtleQ==",
            "env-hmac-s3cr3t", "header-s3cr3t");

    private static final String ALL_SECRET_KEYS = """
            plugins:
              - name: "WebhookNotification"
                kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                hooks: ["tool_post_invoke"]
                config:
                  webhooks:
                    - url: "https://a.example.com/"
                      authentication: {type: bearer, token: "bearer-token-s3cr3t"}
                      headers: {Authorization: "Basic header-s3cr3t", X-Team: "platform"}
                    - url: "https://b.example.com/"
                      authentication: {type: api_key, api_key: "api-key-s3cr3t", api_key_header: "X-Key"}
                    - url: "https://c.example.com/"
                      authentication: {type: hmac, hmac_secret: "{{ env.HMAC }}", hmac_algorithm: sha256}
                    - url: "https://d.example.com/"
                      authentication: {type: standard_webhooks, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}
                    - url: "https://e.example.com/"
                      authentication:
                        type: standard_webhooks
                        secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_dGhpcy1pcy1hbi1vbGQtc2VjcmV0LWtleQ=="]
            """;

    @Test
    @SuppressWarnings("unchecked")
    void theEntryMasksEverySecret() throws ConfigException {
        LoadedPluginConfig c = PluginConfigLoader.loadString(ALL_SECRET_KEYS, "test.yaml", null,
                Map.of("HMAC", "env-hmac-s3cr3t"));

        List<Map<String, Object>> webhooks = (List<Map<String, Object>>) ((Map<String, Object>) c.entry()
                .get("config")).get("webhooks");
        assertThat(auth(webhooks, 0)).isEqualTo(Map.of("type", "bearer", "token", MASK));
        assertThat(webhooks.get(0).get("headers")).isEqualTo(Map.of("Authorization", MASK, "X-Team", "platform"));
        assertThat(auth(webhooks, 1)).isEqualTo(Map.of("type", "api_key", "api_key", MASK, "api_key_header", "X-Key"));
        assertThat(auth(webhooks, 2)).isEqualTo(Map.of("type", "hmac", "hmac_secret", MASK, "hmac_algorithm",
                "sha256"));
        assertThat(auth(webhooks, 3)).isEqualTo(Map.of("type", "standard_webhooks", "secret", MASK));
        assertThat(auth(webhooks, 4)).isEqualTo(Map.of("type", "standard_webhooks", "secrets", List.of(MASK, MASK)));
        assertThat(c.entry().toString()).doesNotContain(SECRETS);
        assertThat(c.toString()).doesNotContain(SECRETS);
        // The endpoints themselves keep the real secrets: they sign with them.
        assertThat(c.herald().endpoints().get(2).authentication().settings())
                .containsEntry("hmac_secret", "env-hmac-s3cr3t");
    }

    @Test
    void theEntryIsUnmodifiable() throws ConfigException {
        Map<String, Object> entry = Configs.fixture("seed-example.yaml").entry();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> entry.put("name", "x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void noErrorMessageHoldsASecret() {
        List<String> errors = Configs.errors("""
                webhooks:
                  - url: "ftp://a.example.com/"
                    authentication: {type: bearer, token: ["bearer-token-s3cr3t"], tokn: "bearer-token-s3cr3t"}
                    headers: {"X-Secret": 1234, "X-Split": "header-s3cr3t\\r\\n"}
                  - url: "https://b.example.com/"
                    authentication: {type: hmac, hmac_secret: "hmac-s3cr3t", hmac_algorithm: "md5"}
                  - url: "https://c.example.com/"
                    authentication: {type: standard_webhooks, secret: "api-key-s3cr3t"}
                  - url: "https://d.example.com/"
                    authentication: {type: standard_webhooks, secrets: ["whsec_!!!", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]}
                  - url: "https://e.example.com/"
                    authentication: {type: api_key, api_key: "{{ env.HMAC }}", api_key_header: "Bad Header"}
                  - url: "https://f.example.com/"
                    authentication: {type: "{{ env.HMAC }}"}
                    retry_attempts: "{{ env.HMAC }}"
                """, Map.of("HMAC", "env-hmac-s3cr3t"));

        assertThat(errors).hasSizeGreaterThanOrEqualTo(8);
        assertThat(errors).allSatisfy(error -> assertThat(error).doesNotContain(SECRETS).doesNotContain("whsec_!!!"));
    }

    @Test
    void aSecretPastedUnderAKeyThatHoldsNoSecretIsMaskedToo() {
        List<String> errors = Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    authentication: {type: bearer, token: "bearer-token-s3cr3t"}
                  - url: "https://b.example.com/"
                    authentication: {type: "bearer-token-s3cr3t"}
                    retry_attempts: "hmac-s3cr3t"
                  - url: "https://c.example.com/"
                    authentication: {type: hmac, hmac_secret: "hmac-s3cr3t", hmac_algorithm: "hmac-s3cr3t"}
                """);

        assertThat(errors).containsExactly(
                "webhooks[1].authentication.type: unknown type '" + MASK + "'; known: none, bearer,"
                        + " api_key, hmac, standard_webhooks",
                "webhooks[1].retry_attempts: expected an integer, got '" + MASK + "'",
                "webhooks[2].authentication.hmac_algorithm: must be one of sha256, sha384, sha512, sha1, got '"
                        + MASK + "'");
    }

    @Test
    void noYamlSyntaxErrorHoldsASecret() {
        assertThat(Configs.errors("webhooks:\n  - authentication: {token: 'bearer-token-s3cr3t}\n"))
                .allSatisfy(error -> assertThat(error).doesNotContain(SECRETS));
        assertThat(Configs.errors("webhooks:\n  - authentication: {token: bearer-token-s3cr3t: x}\n"))
                .allSatisfy(error -> assertThat(error).doesNotContain(SECRETS));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> auth(List<Map<String, Object>> webhooks, int i) {
        return (Map<String, Object>) webhooks.get(i).get("authentication");
    }

    @Test
    void aTemplateHoldingAnEnvironmentValueIsReportedWithoutQuotingIt() {
        // Found by fuzzing: FreeMarker's parse error quoted the string literal the secret had been put into.
        List<String> errors = Configs.errors("""
                webhooks: [{url: "https://a.example.com/"}]
                templates:
                  compile: '${"{{ env.SECRET }}" 1}'
                  parse: '${"{{ env.SECRET }}"}'
                  json: '{"k": {{ env.SECRET }}}'
                  render: '${"{{ env.SECRET }}"?number}'
                """, Map.of("SECRET", "env-s3cr3t"));

        assertThat(errors).containsExactly(
                "templates.compile: line 1, column 16: does not compile"
                        + " (details withheld: the template holds a value from the environment)",
                "templates.parse: line 1, column 1: the output is not valid JSON at line 1, column 1 of the output"
                        + " (details withheld: the template holds a value from the environment)",
                "templates.json: line 1, column 7: the output is not valid JSON"
                        + " (details withheld: the template holds a value from the environment)",
                "templates.render: line 1, column 1: fails to render a sample violation event with every field present"
                        + " (details withheld: the template holds a value from the environment)");
        assertThat(String.join("\n", errors)).doesNotContain("env-s3cr3t");
    }
}
