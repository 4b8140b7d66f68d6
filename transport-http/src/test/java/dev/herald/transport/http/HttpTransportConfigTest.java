package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpTransportConfigTest {

    @Test
    void defaultsMirrorTheGatewaysClient() {
        HttpTransportConfig c = HttpTransportConfig.defaults();
        assertThat(c.maxConnections()).isEqualTo(200);
        assertThat(c.keepAliveIdle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.poolAcquireTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxResponseBodyBytes()).isEqualTo(64 * 1024);
        assertThat(c.maxRequestBodyBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(c.userAgent()).startsWith("Herald/").isNotEqualTo("Herald/");
        assertThat(c.allowedNetworks()).isEmpty();
        assertThat(c.endpoints()).isEmpty();

        EndpointPolicy p = c.endpointDefaults();
        assertThat(p.rateLimit()).isNull();
        assertThat(p.tlsInsecure()).isFalse();
        CircuitBreakerSettings cb = p.circuitBreaker();
        assertThat(cb.consecutiveFailures()).isEqualTo(10);
        assertThat(cb.failureRateThreshold()).isEqualTo(50f);
        assertThat(cb.slidingWindowSize()).isEqualTo(50);
        assertThat(cb.minimumNumberOfCalls()).isEqualTo(20);
        assertThat(cb.waitInOpenState()).isEqualTo(Duration.ofSeconds(30));
        assertThat(cb.halfOpenProbes()).isEqualTo(3);
    }

    @Test
    void endpointOverridesStartFromTheFinalDefaults() {
        HttpTransportConfig c = HttpTransportConfig.builder()
                .endpointNames("slack", "other")
                .endpoint("slack", p -> p.rateLimit(RateLimit.perSecond(5)))
                .endpointDefaults(p -> p.circuitBreaker(cb -> cb.consecutiveFailures(4)))
                .build();
        assertThat(c.policyFor("slack").rateLimit()).isEqualTo(RateLimit.perSecond(5));
        assertThat(c.policyFor("slack").circuitBreaker().consecutiveFailures()).isEqualTo(4);
        assertThat(c.policyFor("other").rateLimit()).isNull();
        assertThat(c.policyFor("other").circuitBreaker().consecutiveFailures()).isEqualTo(4);
    }

    @Test
    void anOverrideForAnEndpointTheConfigDoesNotServeIsAnErrorThatNamesIt() {
        assertThatThrownBy(() -> HttpTransportConfig.builder()
                .endpointNames("slack", "teams")
                .endpoint("slakc", p -> p.rateLimit(RateLimit.perSecond(5)))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoints.slakc: no endpoint of that name; endpoint_names has slack, teams");
        // Without the list there is nothing to check an override against, so none is taken.
        assertThatThrownBy(() -> HttpTransportConfig.builder()
                .endpoint("slack", p -> p.rateLimit(RateLimit.perSecond(5)))
                .build())
                .hasMessage("endpoints.slack: no endpoint of that name; list the endpoints the transport serves in"
                        + " endpoint_names");
        assertThatThrownBy(() -> HttpTransportConfig.builder().endpointNames("ok", " ").build())
                .hasMessageStartingWith("endpoint_names: ");
    }

    @Test
    void askingForAnUnknownEndpointsPolicyIsAnErrorThatNamesIt() {
        HttpTransportConfig c = HttpTransportConfig.builder()
                .endpointNames("slack", "teams")
                .endpoint("slack", p -> p.rateLimit(RateLimit.perSecond(5)))
                .build();
        assertThat(c.policyFor("slack").rateLimit()).isEqualTo(RateLimit.perSecond(5));
        assertThat(c.policyFor("teams")).isEqualTo(EndpointPolicy.DEFAULT);
        assertThatThrownBy(() -> c.policyFor("slakc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint 'slakc': not one of the endpoints the HTTP transport is configured for"
                        + " (endpoint_names has slack, teams)");
        // A transport that lists no endpoints serves any with the defaults: it has no override to miss.
        assertThat(HttpTransportConfig.defaults().policyFor("anything")).isEqualTo(EndpointPolicy.DEFAULT);
    }

    @Test
    void aBadCidrNamesItsIndex() {
        assertThatThrownBy(() -> HttpTransportConfig.builder()
                .allowedNetworks(List.of("127.0.0.0/8", "fc00::/7", "10.0.0.0/33")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allowed_networks[2]: not a CIDR range: '10.0.0.0/33'");
        assertThatThrownBy(() -> HttpTransportConfig.builder().allowNetwork("intranet.local").build())
                .hasMessage("allowed_networks[0]: not a CIDR range: 'intranet.local'");
    }

    @Test
    void errorsNameTheirKey() {
        assertThatThrownBy(() -> HttpTransportConfig.builder().maxConnections(0).build())
                .hasMessageStartingWith("max_connections: ");
        assertThatThrownBy(() -> HttpTransportConfig.builder().connectTimeout(Duration.ZERO).build())
                .hasMessageStartingWith("connect_timeout: ");
        assertThatThrownBy(() -> HttpTransportConfig.builder().readTimeout(null).build())
                .hasMessageStartingWith("read_timeout: ");
        assertThatThrownBy(() -> HttpTransportConfig.builder().maxResponseBodyBytes(-1).build())
                .hasMessageStartingWith("max_response_body_bytes: ");
        assertThatThrownBy(() -> HttpTransportConfig.builder().userAgent("Herald\r\nX-Evil: 1").build())
                .hasMessageStartingWith("user_agent: ");
        assertThatThrownBy(() -> HttpTransportConfig.builder().endpoint(" ", EndpointPolicy.DEFAULT).build())
                .hasMessageStartingWith("endpoints: ");
    }

    @Test
    void nestedErrorsNameTheWholePath() {
        assertThatThrownBy(() -> HttpTransportConfig.builder()
                .endpoint("slack", p -> p.circuitBreaker(cb -> cb.consecutiveFailures(0))).build())
                .hasMessageStartingWith("endpoints.slack.circuit_breaker.consecutive_failures: must be at least 1");
        assertThatThrownBy(() -> HttpTransportConfig.builder()
                .endpoint("slack", p -> p.circuitBreaker(cb -> cb.failureRateThreshold(150))).build())
                .hasMessageStartingWith("endpoints.slack.circuit_breaker.failure_rate_threshold: ");
        assertThatThrownBy(() -> HttpTransportConfig.builder()
                .endpointDefaults(p -> p.circuitBreaker(cb -> cb.slidingWindowSize(5).minimumNumberOfCalls(10)))
                .build())
                .hasMessageStartingWith("endpoint_defaults.circuit_breaker.minimum_number_of_calls: ");
        assertThatThrownBy(() -> HttpTransportConfig.builder()
                .endpoint("teams", p -> p.circuitBreaker(cb -> cb.waitInOpenState(Duration.ZERO))).build())
                .hasMessageStartingWith("endpoints.teams.circuit_breaker.wait_in_open_state: ");
        assertThatThrownBy(() -> RateLimit.perSecond(0)).hasMessageStartingWith("rate_limit.permits: ");
    }
}
