package dev.herald.tracing.opentelemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.endpoint.Endpoint;
import org.junit.jupiter.api.Test;

/** {@code url.full} never shows a path or query, where a webhook's credential may be; the server is named. */
class ServerAddressTest {

    private static ServerAddress of(String url) {
        return ServerAddress.of(Endpoint.builder(url).name("x").build().url());
    }

    @Test
    void hidesThePathAndQueryAndNamesTheSchemesDefaultPort() {
        assertThat(of("https://hooks.slack.com/services/T0/B0/s3cr3t"))
                .isEqualTo(new ServerAddress("hooks.slack.com", 443, "https://hooks.slack.com/REDACTED"));
        assertThat(of("http://hooks.example.com?token=s3cr3t"))
                .isEqualTo(new ServerAddress("hooks.example.com", 80, "http://hooks.example.com/REDACTED"));
        assertThat(of("https://hooks.example.com:8443/in#frag"))
                .isEqualTo(new ServerAddress("hooks.example.com", 8443, "https://hooks.example.com:8443/REDACTED"));
    }

    @Test
    void keepsAUrlWithNothingToHideAsItIs() {
        assertThat(of("https://hooks.example.com/").redactedUrl()).isEqualTo("https://hooks.example.com/");
        assertThat(of("https://hooks.example.com").redactedUrl()).isEqualTo("https://hooks.example.com/");
    }

    @Test
    void namesAnIpv6ServerWithoutBrackets() {
        assertThat(of("http://[::1]:9000/hook"))
                .isEqualTo(new ServerAddress("::1", 9000, "http://[::1]:9000/REDACTED"));
    }
}
