package dev.herald.core.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.EventType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @Test
    void defaultsAreTheSeedsWebhookEntry() {
        Endpoint e = Endpoint.builder("https://hooks.example.com/webhook").build();
        assertThat(e.name()).matches("hooks\\.example\\.com/[0-9a-f]{8}");
        assertThat(e.filter().types()).containsExactly(EventType.VIOLATION);
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(e.retryPolicy().retryAttempts()).isEqualTo(3);
        assertThat(e.enabled()).isTrue();
        assertThat(e.authentication().type()).isEqualTo("none");
        assertThat(e.propagateTraceContext()).isFalse();
    }

    @Test
    void theTraceContextOptInSurvivesACopy() {
        Endpoint e = Endpoint.builder("https://hooks.example.com/webhook").propagateTraceContext(true).build();
        assertThat(e.propagateTraceContext()).isTrue();
        assertThat(e.toBuilder().name("copy").build().propagateTraceContext()).isTrue();
    }

    @Test
    void refusesBadFieldsNamingThem() {
        assertThatThrownBy(() -> Endpoint.builder("ftp://x.example/").build())
                .hasMessage("url: scheme must be http or https, got ftp");
        assertThatThrownBy(() -> Endpoint.builder("https:///nohost").build()).hasMessageStartingWith("url:");
        assertThatThrownBy(() -> Endpoint.builder("https://u:p@x.example/").build())
                .hasMessageStartingWith("url: must not carry credentials");
        // Java's URI sees no host in IPv4 shorthands that browsers read as addresses: the message names it.
        assertThatThrownBy(() -> Endpoint.builder("http://0x7f.0.0.1:8080/hook").build())
                .hasMessageStartingWith("url: host '0x7f.0.0.1' is neither a host name nor an IP address");
        assertThatThrownBy(() -> Endpoint.builder("http://user:pw@127.1/hook").build())
                .hasMessageStartingWith("url: host '127.1' is neither").message().doesNotContain("pw");
        assertThatThrownBy(() -> Endpoint.builder("https://x.example/").timeout(Duration.ofSeconds(121)).build())
                .hasMessageStartingWith("timeout: must be between 1 and 120 seconds");
        assertThatThrownBy(() -> Endpoint.builder("https://x.example/").timeout(Duration.ZERO).build())
                .hasMessageStartingWith("timeout:");
        assertThatThrownBy(() -> Endpoint.builder("https://x.example/").name(" ").build())
                .hasMessageStartingWith("name:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\nX-Admin: 1", "\r", "\n", "\u0000", "\u001b[31m"})
    void refusesControlCharactersInHeaderValuesNamingTheKey(String evil) {
        assertThatThrownBy(() -> Endpoint.builder("https://x.example/").headers(Map.of("X-Team", "a" + evil)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("headers.X-Team: header value has a control character (CR, LF or other) at position 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Team\r\nX-Admin", "X-Team\u0000", "X-Team\r", "X-Team X", "X-Team:"})
    void refusesHeaderNamesThatAreNoTokens(String name) {
        assertThatThrownBy(() -> Endpoint.builder("https://x.example/").headers(Map.of(name, "v")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("headers: header name 'X")
                .hasMessageEndingWith("has a character not allowed in a header name at position 6");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "content-length", "Transfer-Encoding", "CONNECTION", "Keep-Alive",
            "Proxy-Connection", "TE", "Trailer", "Upgrade", "Expect"})
    void refusesHeadersTheTransportSetsNamingTheKey(String name) {
        assertThatThrownBy(() -> Endpoint.builder("https://x.example/").headers(Map.of(name, "v")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("headers." + name + ": '" + name + "' is set by the transport itself and"
                        + " cannot be configured");
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-id", "Webhook-Id", "WEBHOOK-ID"})
    void refusesTheDeliveryIdHeaderNamingTheKey(String name) {
        assertThatThrownBy(() -> Endpoint.builder("https://x.example/").headers(Map.of(name, "v")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("headers." + name + ": '" + name + "' is the delivery id, which Herald sends"
                        + " on every delivery itself");
    }

    @Test
    void acceptsOrdinaryHeadersIncludingTheContentType() {
        Map<String, String> headers = Map.of("Content-Type", "application/cloudevents+json", "X-Team", "a\tb",
                "Authorization", "Basic dXNlcjpwYXNz");
        assertThat(Endpoint.builder("https://x.example/").headers(headers).build().headers()).isEqualTo(headers);
    }

    @Test
    void refusesHeaderInjectionFromConfig() {
        assertThatThrownBy(() -> Endpoint.builder("https://x.example/")
                .headers(Map.of("X-Team", "a\r\nX-Admin: 1")).build())
                .hasMessageStartingWith("headers.X-Team: header value has a control character");
        assertThatThrownBy(() -> Endpoint.builder("https://x.example/")
                .headers(Map.of("X-Bad\nName", "v")).build())
                .hasMessageContaining("header name 'X-Bad\\x0aName'");
    }

    @Test
    void toStringHidesThePathAndQueryWhereTokensHide() {
        Endpoint e = Endpoint.builder("https://hooks.slack.com/services/T0/B0/s3cr3tpath?token=s3cr3t").name("ops")
                .build();
        assertThat(e.toString()).isEqualTo("Endpoint[ops https://hooks.slack.com]");
    }

    @Test
    void aDefaultNameTellsPathsApartWithoutShowingThem() {
        Endpoint a = Endpoint.builder("https://hooks.slack.com/services/T0/B0/s3cr3tpath").build();
        Endpoint b = Endpoint.builder("https://hooks.slack.com/services/T0/B0/0th3rpath").build();
        Endpoint c = Endpoint.builder("https://hooks.slack.com/services/T0/B0/s3cr3tpath?token=s3cr3t").build();

        assertThat(List.of(a.name(), b.name(), c.name())).allSatisfy(name -> assertThat(name)
                .startsWith("hooks.slack.com/").doesNotContain("s3cr3t").doesNotContain("services"))
                .doesNotHaveDuplicates();
        assertThat(Endpoint.builder("https://hooks.example.com:8443/").build().name())
                .isEqualTo("hooks.example.com:8443");
    }

    @Test
    void authSpecToStringShowsNoSecret() {
        AuthSpec a = AuthSpec.of("hmac", Map.of("hmac_secret", "s3cr3t", "hmac_algorithm", "sha256"));
        assertThat(a.toString()).doesNotContain("s3cr3t").contains("hmac");
        assertThat(a.string("hmac_secret")).contains("s3cr3t");
    }
}
