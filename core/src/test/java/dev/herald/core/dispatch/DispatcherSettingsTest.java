package dev.herald.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.testing.CountingRenderer;
import dev.herald.core.testing.ScriptedTransport;
import dev.herald.core.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DispatcherSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        DispatcherSettings s = DispatcherSettings.builder().build();

        assertThat(s.capacity()).isEqualTo(10_000);
        assertThat(s.maxInFlightPerEndpoint()).isEqualTo(64);
        assertThat(s.leaseDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(s.storeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.node()).startsWith("node_");
        assertThat(DispatcherSettings.builder().build().node()).as("a random node per build").isNotEqualTo(s.node());
    }

    @Test
    void badValuesFailNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> DispatcherSettings.builder().capacity(0).build())
                .hasMessage("capacity: must be at least 1, got 0");
        assertThatThrownBy(() -> DispatcherSettings.builder().maxInFlightPerEndpoint(-2).build())
                .hasMessage("max_in_flight_per_endpoint: must be at least 1, got -2");
        assertThatThrownBy(() -> DispatcherSettings.builder().node("  ").build())
                .hasMessage("node: must not be blank");
        assertThatThrownBy(() -> DispatcherSettings.builder().retention(Duration.ofDays(-1)).build())
                .hasMessage("retention: must be positive, got PT-24H");
        assertThatThrownBy(() -> DispatcherSettings.builder().leaseDuration(Duration.ofSeconds(3))
                .storeTimeout(Duration.ofSeconds(5)).build())
                .hasMessage("store_timeout: must be at most a third of lease_duration (PT3S), got PT5S");
    }

    @Test
    void aStoreTimeoutNotGivenFollowsAShortLease() {
        assertThat(DispatcherSettings.builder().leaseDuration(Duration.ofSeconds(3)).build().storeTimeout())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(DispatcherSettings.builder().leaseDuration(Duration.ofMinutes(5)).build().storeTimeout())
                .isEqualTo(DispatcherSettings.DEFAULT_STORE_TIMEOUT);
    }

    @Test
    void aBuilderFromSettingsKeepsEveryValue() {
        DispatcherSettings s = DispatcherSettings.builder().capacity(7).maxInFlightPerEndpoint(3).node("n1")
                .leaseDuration(Duration.ofSeconds(9)).pollInterval(Duration.ofSeconds(1)).retention(Duration.ofHours(2))
                .storeTimeout(Duration.ofSeconds(2)).build();

        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void theDispatcherBuilderPassesItsValuesOnAndFailsWithTheSameMessages() {
        ManualScheduler clock = new ManualScheduler(Instant.parse("2026-11-29T12:00:00Z"));
        Dispatcher.Builder b = Dispatcher.builder().endpoint(Endpoint.builder("https://a.example/hook").name("a")
                .build()).transport(new ScriptedTransport()).templateRenderer(new CountingRenderer())
                .scheduler(clock).executor(Runnable::run);

        assertThatThrownBy(() -> b.maxInFlightPerEndpoint(0).build())
                .hasMessage("max_in_flight_per_endpoint: must be at least 1, got 0");
        try (Dispatcher d = b.maxInFlightPerEndpoint(2).capacity(5).node("n1").build()) {
            assertThat(d.settings()).isEqualTo(DispatcherSettings.builder().maxInFlightPerEndpoint(2).capacity(5)
                    .node("n1").build());
            assertThat(d.storeTimeout()).isEqualTo(DispatcherSettings.DEFAULT_STORE_TIMEOUT);
        }
        try (Dispatcher d = b.settings(DispatcherSettings.builder().capacity(3).node("n2").build()).build()) {
            assertThat(d.settings().capacity()).isEqualTo(3);
            assertThat(d.settings().maxInFlightPerEndpoint()).as("replaced by the settings given after").isEqualTo(64);
        }
    }
}
