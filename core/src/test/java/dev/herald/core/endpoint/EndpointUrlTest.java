package dev.herald.core.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What users write in a URL: ports out of range are refused by name, internationalised hosts work. */
class EndpointUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com:0/x", "https://hooks.example.com:65536/x",
        "https://hooks.example.com:99999/x", "http://[::1]:70000/x"})
    void aPortOutsideTheRangeIsRefusedByName(String url) {
        assertThatThrownBy(() -> Endpoint.builder(url).build())
                .hasMessageStartingWith("url: port must be between 1 and 65535, got ");
    }

    @Test
    void aPortTooLongForJavaIsRefusedByNameToo() {
        // Java's URI then sees no host at all: the message was about the host.
        assertThatThrownBy(() -> Endpoint.builder("https://hooks.example.com:123456789012345/x").build())
                .hasMessageStartingWith("url: port must be between 1 and 65535, got 123456789012...");
    }

    @Test
    void portsAtTheEdgesAreAccepted() {
        assertThat(Endpoint.builder("https://hooks.example.com:1/").build().url().getPort()).isEqualTo(1);
        assertThat(Endpoint.builder("https://hooks.example.com:65535/").build().url().getPort()).isEqualTo(65535);
    }

    @Test
    void anInternationalisedHostIsWrittenInAscii() {
        Endpoint e = Endpoint.builder("https://bücher.example:8443/hook?q=ä").build();

        assertThat(e.url().getHost()).isEqualTo("xn--bcher-kva.example");
        assertThat(e.url().getPort()).isEqualTo(8443);
        assertThat(e.url().getPath()).isEqualTo("/hook");
    }

    @Test
    void anInvalidInternationalisedHostSaysSo() {
        assertThatThrownBy(() -> Endpoint.builder("https://bü_cher.example/hook").build())
                .hasMessageStartingWith("url: host 'bü_cher.example' is not a valid internationalised domain name"
                        + " (IDNA)");
        assertThatThrownBy(() -> Endpoint.builder("https://" + "ü".repeat(70) + ".example/").build())
                .hasMessageContaining("(IDNA)");
    }
}
