package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No header from config can split a request or frame it: CR, LF and NUL in a header's name or value, written in the
 * file or read from the environment, and the headers the transport sets itself, are start-up errors naming the key.
 * A value is never quoted, since header values and auth settings are where secrets live.
 */
class HeaderInjectionTest {

    @Test
    void controlCharactersInEndpointHeadersAreRefused() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    headers:
                      X-Crlf: "tok-1\\r\\nX-Admin: true"
                      X-Lf: "tok-2\\nSet-Cookie: a=b"
                      X-Cr: "tok-3\\r"
                      X-Nul: "tok-4\\0"
                      "X-Name\\r\\nX-Admin": "v"
                      "X-Nul\\0Name": "v"
                """)).containsExactly(
                "webhooks[0].headers.X-Crlf: header value has a control character (CR, LF or other) at position 5",
                "webhooks[0].headers.X-Lf: header value has a control character (CR, LF or other) at position 5",
                "webhooks[0].headers.X-Cr: header value has a control character (CR, LF or other) at position 5",
                "webhooks[0].headers.X-Nul: header value has a control character (CR, LF or other) at position 5",
                "webhooks[0].headers: header name 'X-Name\\x0d\\x0aX-Admin' has a character not allowed in a header"
                        + " name at position 6",
                "webhooks[0].headers: header name 'X-Nul\\x00Name' has a character not allowed in a header name at"
                        + " position 5");
    }

    @Test
    void controlCharactersFromTheEnvironmentAreRefusedWithoutShowingThem() {
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    headers: {X-Team: "{{ env.TEAM }}"}
                    authentication: {type: bearer, token: "{{ env.TOKEN }}"}
                  - url: "https://b.example.com/"
                    authentication: {type: api_key, api_key: "{{ env.TOKEN }}", api_key_header: "X-Key"}
                """, Map.of("TEAM", "ops\r\nX-Admin: 1", "TOKEN", "s3cr3t\nX-Admin: 1"))).containsExactly(
                "webhooks[0].authentication.token: header value has a control character (CR, LF or other) at"
                        + " position 6",
                "webhooks[0].headers.X-Team: header value has a control character (CR, LF or other) at position 3",
                "webhooks[1].authentication.api_key: header value has a control character (CR, LF or other) at"
                        + " position 6");
    }

    @Test
    void headersTheTransportSetsCannotBeConfigured() {
        String reserved = " cannot be configured (nor can Host, Content-Length, Transfer-Encoding, Connection,"
                + " Keep-Alive, Proxy-Connection, TE, Trailer, Upgrade or Expect)";
        assertThat(Configs.errors("""
                webhooks:
                  - url: "https://a.example.com/"
                    headers:
                      Host: "internal.example.com"
                      content-length: "0"
                      Transfer-Encoding: "chunked"
                      Connection: "close"
                      X-Team: "ops"
                  - url: "https://b.example.com/"
                    authentication: {type: api_key, api_key: "k", api_key_header: "Host"}
                  - url: "https://c.example.com/"
                    authentication: {type: hmac, hmac_secret: "s", hmac_header: "Transfer-Encoding"}
                """)).containsExactly(
                "webhooks[0].headers.Host: 'Host' is set by the transport itself and" + reserved,
                "webhooks[0].headers.content-length: 'content-length' is set by the transport itself and" + reserved,
                "webhooks[0].headers.Transfer-Encoding: 'Transfer-Encoding' is set by the transport itself and"
                        + reserved,
                "webhooks[0].headers.Connection: 'Connection' is set by the transport itself and" + reserved,
                "webhooks[1].authentication.api_key_header: 'Host' is set by the transport itself and" + reserved,
                "webhooks[2].authentication.hmac_header: 'Transfer-Encoding' is set by the transport itself and"
                        + reserved);
    }

    @Test
    void ordinaryHeadersLoad() throws ConfigException {
        LoadedPluginConfig c = Configs.inline("""
                webhooks:
                  - url: "https://a.example.com/"
                    headers: {Content-Type: "application/cloudevents+json", X-Team: "ops\\tplatform"}
                """);

        assertThat(c.herald().endpoints().get(0).headers())
                .containsExactly(Map.entry("Content-Type", "application/cloudevents+json"),
                        Map.entry("X-Team", "ops\tplatform"));
    }
}
