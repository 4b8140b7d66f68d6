package dev.herald.gateway;

import dev.herald.engine.Herald;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.gateway.config.ConfigException;
import dev.herald.gateway.config.LoadedPluginConfig;
import dev.herald.gateway.config.PluginConfigLoader;
import dev.herald.engine.testing.Outcomes;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard in the whole pipeline, configured from YAML as operators write it: an allowed endpoint that
 * redirects inward, and internal addresses in the notations a browser reads, never get a byte to the internal
 * receiver. The allowed endpoint stands on 127.0.0.2 (the one address {@code allowed_networks} opens, a stand-in
 * for a public host); the internal receiver on 127.0.0.1 counts every connection it accepts.
 */
class SsrfPipelineTest {
    private final TestReceiver allowed = new TestReceiver("127.0.0.2");
    private final TestReceiver internal = new TestReceiver();
    private final Outcomes outcomes = new Outcomes();

    @AfterEach
    void stop() {
        allowed.close();
        internal.close();
    }

    @Test
    void neitherARedirectNorAnyNotationOfAnInternalAddressReachesTheInternalReceiver() throws ConfigException {
        allowed.on("/hook", n -> new Answer(302, Map.of("Location", internal.url("/internal")), "", Duration.ZERO,
                false));
        int port = internal.port();
        LoadedPluginConfig loaded = PluginConfigLoader.loadString("""
                allowed_networks: ["127.0.0.2/32"]
                webhooks:
                  - {url: "%s", name: "redirecting", events: [tool_error], retry_attempts: 3, retry_delay: 100}
                  - {url: "http://2130706433:%2$d/internal", name: "decimal", events: [tool_error]}
                  - {url: "http://0177.0.0.1:%2$d/internal", name: "octal", events: [tool_error]}
                  - {url: "http://017700000001:%2$d/internal", name: "octal-whole", events: [tool_error]}
                  - {url: "http://[::ffff:127.0.0.1]:%2$d/internal", name: "mapped", events: [tool_error]}
                  - {url: "http://[::ffff:7f00:1]:%2$d/internal", name: "mapped-hex", events: [tool_error]}
                  - {url: "http://0.0.0.0:%2$d/internal", name: "unspecified", events: [tool_error]}
                  - {url: "http://localhost:%2$d/internal", name: "by-name", events: [tool_error]}
                """.formatted(allowed.url("/hook"), port), "ssrf.yaml", null, Map.of());
        Module listen = b -> Multibinder.newSetBinder(b, DeliveryListener.class).addBinding().toInstance(outcomes);

        try (Herald herald = Herald.start(loaded.herald(), listen)) {
            herald.dispatcher().dispatch(Event.builder(EventType.TOOL_ERROR)
                    .context(new RequestContext("req-1", "alice", "acme", "srv-1"))
                    .metadata(Map.of("tool_name", "search", "error", "boom")).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.outcomes.size() == 8);
        }

        DeliveryOutcome redirected = outcomes.of("redirecting").get(0);
        assertThat(redirected.status()).isEqualTo(DeliveryStatus.REJECTED);
        assertThat(redirected.lastStatusCode()).isEqualTo(302);
        assertThat(redirected.attempts()).isEqualTo(1);
        assertThat(allowed.received("/hook")).hasSize(1);
        Map<String, String> refusedHosts = Map.of("decimal", "2130706433", "octal", "0177.0.0.1",
                "octal-whole", "017700000001", "mapped", "[::ffff:127.0.0.1]", "mapped-hex", "[::ffff:7f00:1]",
                "unspecified", "0.0.0.0", "by-name", "localhost");
        refusedHosts.forEach((endpoint, host) -> {
            DeliveryOutcome o = outcomes.of(endpoint).get(0);
            assertThat(o.status()).as(endpoint).isEqualTo(DeliveryStatus.REJECTED);
            assertThat(o.attempts()).as(endpoint).isEqualTo(1);
            assertThat(o.lastError()).as(endpoint).startsWith("blocked: ").contains("refused to connect to " + host)
                    .containsAnyOf("loopback", "unspecified");
        });
        assertThat(internal.connections()).isZero();
        assertThat(internal.received("/internal")).isEmpty();
    }

    @Test
    void anIpv4ShorthandJavaSeesNoHostInIsAConfigErrorNamingTheHost() {
        ConfigException e = catchThrowableOfType(() -> PluginConfigLoader.loadString("""
                        webhooks:
                          - url: "http://0x7f.0.0.1:8080/hook?token=s3cr3t"
                          - url: "http://127.1/hook"
                        """, "ssrf.yaml", null, Map.of()), ConfigException.class);

        assertThat(e.errors()).containsExactly(
                "webhooks[0].url: host '0x7f.0.0.1' is neither a host name nor an IP address written in full (an"
                        + " IPv4 address as four decimal numbers, e.g. 127.0.0.1)",
                "webhooks[1].url: host '127.1' is neither a host name nor an IP address written in full (an IPv4"
                        + " address as four decimal numbers, e.g. 127.0.0.1)");
    }
}
