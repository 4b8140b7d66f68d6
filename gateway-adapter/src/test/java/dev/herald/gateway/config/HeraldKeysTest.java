package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.transport.http.CircuitBreakerSettings;
import dev.herald.transport.http.EndpointPolicy;
import dev.herald.transport.http.HttpTransportConfig;
import dev.herald.transport.http.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key Herald adds to the seed's reaches the part of Herald it configures. */
class HeraldKeysTest {
    static final Map<String, String> ENV = Map.of(
            "HERALD_OLD_SECRET", "whsec_dGhpcy1pcy1hbi1vbGQtc2VjcmV0LWtleQ==",
            "HERALD_API_KEY", "api-key-from-the-environment",
            "HERALD_HMAC_SECRET", "hmac-secret-from-the-environment");

    private static LoadedPluginConfig full() throws ConfigException {
        return Configs.fixture("herald-full.yaml", null, ENV);
    }

    @Test
    void endpointKeys() throws ConfigException {
        Endpoint ops = full().herald().endpoints().get(0);

        assertThat(ops.name()).isEqualTo("ops");
        assertThat(ops.filter().types()).containsExactlyInAnyOrder(EventType.TOOL_ERROR, EventType.PII_DETECTED,
                EventType.of("billing.invoice_paid"));
        assertThat(ops.authentication()).isEqualTo(AuthSpec.of("standard_webhooks", Map.of("secrets", List.of(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_dGhpcy1pcy1hbi1vbGQtc2VjcmV0LWtleQ=="))));
        assertThat(ops.headers()).containsExactly(Map.entry("X-Team", "platform"),
                Map.entry("X-Api-Key", "api-key-from-the-environment"));
        assertThat(ops.retryPolicy()).isEqualTo(RetryPolicy.builder().retryAttempts(5)
                .baseDelay(Duration.ofMillis(200)).jitter(0.2).maxDelay(Duration.ofMinutes(1))
                .maxRetryAfter(Duration.ofMinutes(2)).build());
        assertThat(ops.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ops.template()).contains("slack");
        assertThat(ops.propagateTraceContext()).isTrue();
    }

    @Test
    void endpointPolicyKeys() throws ConfigException {
        HttpTransportConfig transport = full().herald().transport();

        assertThat(transport.policyFor("ops")).isEqualTo(new EndpointPolicy(new CircuitBreakerSettings(5, 25.5f, 20,
                10, Duration.ofSeconds(15), 2), RateLimit.perSecond(50), true));
        assertThat(transport.endpoints()).containsOnlyKeys("ops");
        assertThat(transport.policyFor("hooks.example.com")).isEqualTo(EndpointPolicy.DEFAULT);
        // The transport knows every webhook, so a request for any other is refused instead of sent with defaults.
        assertThat(transport.endpointNames())
                .containsExactlyElementsOf(full().herald().endpoints().stream().map(Endpoint::name).toList());
        assertThatThrownBy(() -> transport.policyFor("unknown")).hasMessageStartingWith("endpoint 'unknown': ");
    }

    @Test
    void namesDerivedFromTheHostAreMadeUnique() throws ConfigException {
        List<Endpoint> endpoints = full().herald().endpoints();

        assertThat(endpoints).extracting(Endpoint::name).containsExactly("ops", "hooks.example.com",
                "hooks.example.com-2");
        assertThat(endpoints.get(1).enabled()).isFalse();
        // Trace ids go to a third party only when a webhook asks for them.
        assertThat(endpoints.get(1).propagateTraceContext()).isFalse();
        assertThat(endpoints.get(1).authentication().settings()).containsEntry("hmac_secret",
                "hmac-secret-from-the-environment").containsEntry("hmac_algorithm", "sha512");
    }

    @Test
    void anExplicitNameWinsOverADerivedOne() throws ConfigException {
        LoadedPluginConfig c = Configs.inline("""
                webhooks:
                  - url: "https://a.example.com/1"
                  - url: "https://b.example.com:8443/2"
                  - url: "https://c.example.com/3"
                    name: "a.example.com"
                """);

        assertThat(c.herald().endpoints()).extracting(Endpoint::name).containsExactly("a.example.com-2",
                "b.example.com:8443", "a.example.com");
    }

    @Test
    void blockKeys() throws ConfigException {
        LoadedPluginConfig c = full();

        assertThat(c.herald().templates().namedTemplates()).containsOnlyKeys("slack");
        assertThat(c.herald().capacity()).isEqualTo(500);
        assertThat(c.herald().maxInFlightPerEndpoint()).isEqualTo(16);
        assertThat(c.herald().closeTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.includePayloadData()).isTrue();
        assertThat(c.herald().templates().includePayloadData()).isTrue();
        assertThat(c.herald().templates().maxPayloadSize()).isEqualTo(2000);
        assertThat(c.herald().templates().maxOutputBytes()).isEqualTo(262_144);
        assertThat(c.herald().templates().maxRenderTime()).isEqualTo(Duration.ofMillis(250));
        HttpTransportConfig t = c.herald().transport();
        assertThat(t.allowedNetworks()).containsExactly("10.0.0.0/8", "fd00::/8");
        assertThat(t.maxConnections()).isEqualTo(50);
        assertThat(t.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(t.poolAcquireTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(t.maxResponseBodyBytes()).isEqualTo(4096);
        assertThat(t.maxRequestBodyBytes()).isEqualTo(524_288);
    }

    @Test
    void aSmallerSlidingWindowAloneLowersTheDefaultMinimumOfCalls() throws ConfigException {
        LoadedPluginConfig c = Configs.inline("""
                webhooks:
                  - url: "https://a.example.com/1"
                    name: "a"
                    circuit_breaker: {sliding_window_size: 5}
                """);

        CircuitBreakerSettings cb = c.herald().transport().policyFor("a").circuitBreaker();
        assertThat(cb.slidingWindowSize()).isEqualTo(5);
        assertThat(cb.minimumNumberOfCalls()).isEqualTo(5);
    }

    @Test
    void theEntrysConditionsApplyToEveryEndpoint() throws ConfigException {
        LoadedPluginConfig c = Configs.fixture("gateway-plugins.yaml");

        assertThat(c.conditions()).hasSize(2);
        assertThat(c.conditions().get(0).serverIds()).containsExactly("srv-1");
        assertThat(c.conditions().get(0).tools()).containsExactly("search");
        assertThat(c.conditions().get(1).tenantIds()).containsExactly("acme");
        assertThat(c.conditions().get(1).userPatterns()).containsExactly("admin");
        assertThat(c.herald().endpoints()).allSatisfy(e -> assertThat(e.filter().conditions())
                .isEqualTo(c.conditions()));
    }

    @Test
    void numbersMayBeWrittenAsStringsAndBooleansOnlyAsTrueOrFalse() throws ConfigException {
        LoadedPluginConfig c = Configs.inline("""
                webhooks:
                  - url: "https://a.example.com/1"
                    retry_attempts: "5"
                    timeout: "20"
                    enabled: "false"
                """);

        Endpoint e = c.herald().endpoints().get(0);
        assertThat(e.retryPolicy().retryAttempts()).isEqualTo(5);
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(e.enabled()).isFalse();
    }
}
