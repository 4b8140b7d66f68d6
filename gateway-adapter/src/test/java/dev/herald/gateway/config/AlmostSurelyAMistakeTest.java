package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What loads in the seed but is almost surely a mistake: refused with its path, or warned about. */
class AlmostSurelyAMistakeTest {

    private static String webhook(String url, String more) {
        return "webhooks:\n  - url: \"" + url + "\"\n" + more.indent(4);
    }

    @Test
    void aTemplateForATypeNoWebhookReceivesIsRefusedWithTheNearestType() {
        // Loaded before, as a custom type: the template was never used.
        assertThat(Configs.errors(webhook("https://hooks.example.com/", "events: [tool_error]") + """
                payload_templates:
                  on_tool_error: '{"text": "{{event}}"}'
                """)).singleElement().asString()
                .startsWith("payload_templates.on_tool_error: unknown event type 'on_tool_error': no webhook receives"
                        + " it, so this template would never be used; known: ")
                .endsWith("(the nearest is 'tool_error')");
    }

    @Test
    void aTemplateForACustomTypeAWebhookReceivesLoads() throws ConfigException {
        LoadedPluginConfig c = Configs.inline(webhook("https://hooks.example.com/", "events: [deploy.done]") + """
                payload_templates:
                  deploy.done: '{"text": "{{event}}"}'
                """);

        assertThat(c.herald().templates().payloadTemplates()).containsKey("deploy.done");
    }

    @Test
    void aPortOutsideTheRangeIsRefusedAtLoad() {
        // Loaded before; every delivery then failed with a retried I/O error.
        assertThat(Configs.errors(webhook("https://hooks.example.com:70000/x", "")))
                .containsExactly("webhooks[0].url: port must be between 1 and 65535, got 70000");
        assertThat(Configs.errors(webhook("https://hooks.example.com:0/x", "")))
                .containsExactly("webhooks[0].url: port must be between 1 and 65535, got 0");
    }

    @Test
    void authenticationKeysOfAnotherTypeAreRefused() {
        assertThat(Configs.errors(webhook("https://hooks.example.com/",
                "authentication: {type: none, token: \"tok-12345678\"}"))).containsExactly(
                "webhooks[0].authentication.token: not a key of type none (it is bearer's); type none takes no"
                        + " other key");
        assertThat(Configs.errors(webhook("https://hooks.example.com/",
                "authentication: {type: bearer, token: \"tok-12345678\", hmac_secret: \"s-12345678\"}")))
                .containsExactly("webhooks[0].authentication.hmac_secret: not a key of type bearer (it is hmac's);"
                        + " type bearer takes token");
    }

    @Test
    void aWhitespaceOnlySecretIsRefused() {
        assertThat(Configs.errors(webhook("https://hooks.example.com/",
                "authentication: {type: bearer, token: \"   \"}")))
                .containsExactly("webhooks[0].authentication.token: must not be blank (whitespace only)");
        assertThat(Configs.errors(webhook("https://hooks.example.com/",
                "authentication: {type: hmac, hmac_secret: \"\\t \"}")))
                .containsExactly("webhooks[0].authentication.hmac_secret: must not be blank (whitespace only)");
    }

    @Test
    void anAllowListThatOpensEverythingIsWarned() throws ConfigException {
        LoadedPluginConfig c = Configs.inline(webhook("https://hooks.example.com/", "")
                + "allowed_networks: [\"10.0.0.0/8\", \"0.0.0.0/0\", \"::/0\"]\n");

        assertThat(c.warnings()).hasSize(2);
        assertThat(c.warnings().get(0)).startsWith("allowed_networks[1]: allows every address ('0.0.0.0/0')");
        assertThat(c.warnings().get(1)).startsWith("allowed_networks[2]: allows every address ('::/0')");
    }

    @Test
    void aCredentialOverPlainHttpToAnotherHostIsWarned() throws ConfigException {
        LoadedPluginConfig c = Configs.inline("""
                webhooks:
                  - url: "http://hooks.example.com/a"
                    authentication: {type: bearer, token: "tok-12345678"}
                  - url: "http://hooks.example.com/b"
                    authentication: {type: api_key, api_key: "key-12345678"}
                  - url: "http://127.0.0.1:8080/c"
                    authentication: {type: bearer, token: "tok-12345678"}
                  - url: "http://localhost:8080/d"
                    authentication: {type: api_key, api_key: "key-12345678"}
                  - url: "http://hooks.example.com/e"
                    authentication: {type: hmac, hmac_secret: "hmac-12345678"}
                """);

        assertThat(c.warnings()).containsExactly(
                "webhooks[0].url: the bearer token is sent in clear text over http:// to hooks.example.com, a host"
                        + " that is not loopback; use https",
                "webhooks[1].url: the API key is sent in clear text over http:// to hooks.example.com, a host that"
                        + " is not loopback; use https");
        assertThat(String.join("\n", c.warnings())).doesNotContain("12345678", "/a", "/b");
    }

    @Test
    void tlsInsecureIsWarned() throws ConfigException {
        LoadedPluginConfig c = Configs.inline(webhook("https://hooks.example.com/", "tls_insecure: true"));

        assertThat(c.warnings()).singleElement().asString().startsWith("webhooks[0].tls_insecure: the receiver's"
                + " certificate and host name are not verified");
    }

    @Test
    void aSoundConfigHasNoWarnings() throws ConfigException {
        assertThat(Configs.inline(webhook("https://hooks.example.com/",
                "authentication: {type: bearer, token: \"tok-12345678\"}")).warnings()).isEmpty();
    }
}
