package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A webhook's URL is http or https naming a host, or start-up fails naming the webhook's url key. */
class UrlSchemeTest {

    @Test
    void everyOtherSchemeIsRefusedAtStartUp() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "file:///etc/passwd"
                  - url: "gopher://127.0.0.1:70/_x"
                  - url: "ws://hooks.example.com/socket"
                  - url: "jar:https://hooks.example.com/a.jar!/b"
                  - url: "javascript:alert(1)"
                  - url: "hooks.example.com/no-scheme"
                  - url: "https:///no-host"
                  - url: "https://user:pass@hooks.example.com/"
                  - url: "HTTPS://Hooks.Example.com/upper-case-is-fine"
                """)).containsExactly(
                "webhooks[0].url: scheme must be http or https, got file",
                "webhooks[1].url: scheme must be http or https, got gopher",
                "webhooks[2].url: scheme must be http or https, got ws",
                "webhooks[3].url: scheme must be http or https, got jar",
                "webhooks[4].url: scheme must be http or https, got javascript",
                "webhooks[5].url: scheme must be http or https, got none",
                "webhooks[6].url: must name a host",
                "webhooks[7].url: must not carry credentials; use authentication instead");
    }
}
