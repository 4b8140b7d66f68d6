package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Herald sends {@code webhook-id} itself on every delivery: config cannot set it, under any name it takes. */
class DeliveryIdHeaderConfigTest {
    @Test
    void aConfiguredWebhookIdIsRefusedAtItsKey() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    headers: {"Webhook-Id": "fixed"}
                  - url: "https://b.example.com/"
                    authentication: {type: api_key, api_key: "k", api_key_header: "webhook-id"}
                  - url: "https://c.example.com/"
                    authentication: {type: hmac, hmac_secret: "s", hmac_header: "WEBHOOK-ID"}
                """)).hasSize(3).allSatisfy(e -> assertThat(e).contains("is the delivery id, which Herald sends"))
                .anySatisfy(e -> assertThat(e).startsWith("webhooks[0].headers.Webhook-Id: 'Webhook-Id'"))
                .anySatisfy(e -> assertThat(e).startsWith("webhooks[1].authentication.api_key_header:"))
                .anySatisfy(e -> assertThat(e).startsWith("webhooks[2].authentication.hmac_header:"));
    }
}
