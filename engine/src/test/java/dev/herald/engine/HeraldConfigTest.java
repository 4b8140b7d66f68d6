package dev.herald.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.DispatcherSettings;
import dev.herald.store.jdbc.SqliteStoreConfig;
import dev.herald.store.jdbc.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Herald's config takes its defaults and its checks from the dispatcher's settings, so both always agree. */
class HeraldConfigTest {

    @Test
    void aConfigLeftAloneRunsTheDispatcherOnItsDefaults() {
        HeraldConfig config = HeraldConfig.builder().build();
        DispatcherSettings settings = config.dispatcherSettings();
        DispatcherSettings defaults = DispatcherSettings.builder().build();

        assertThat(settings.capacity()).isEqualTo(defaults.capacity());
        assertThat(settings.maxInFlightPerEndpoint()).isEqualTo(defaults.maxInFlightPerEndpoint());
        assertThat(settings.leaseDuration()).isEqualTo(defaults.leaseDuration());
        assertThat(settings.pollInterval()).isEqualTo(defaults.pollInterval());
        assertThat(settings.retention()).isEqualTo(defaults.retention());
        assertThat(settings.storeTimeout()).isEqualTo(defaults.storeTimeout());
        assertThat(config.closeTimeout()).isEqualTo(Dispatcher.DEFAULT_CLOSE_TIMEOUT);
    }

    @Test
    void theStoreSectionsTimingsReachTheDispatcherWithAStoreTimeoutThatFitsTheLease() {
        StoreSettings store = StoreSettings.sqlite(SqliteStoreConfig.in(Path.of("unused"))).withNode("node-a")
                .withTimings(Duration.ofSeconds(6), Duration.ofMillis(100), Duration.ofHours(1));
        DispatcherSettings settings = HeraldConfig.builder().capacity(7).maxInFlightPerEndpoint(3).store(store)
                .build().dispatcherSettings();

        assertThat(settings.capacity()).isEqualTo(7);
        assertThat(settings.maxInFlightPerEndpoint()).isEqualTo(3);
        assertThat(settings.node()).isEqualTo("node-a");
        assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(6));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.retention()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.storeTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aBadBoundIsRefusedWithTheDispatchersOwnMessage() {
        assertThatThrownBy(() -> HeraldConfig.builder().capacity(0).build())
                .hasMessage("capacity: must be at least 1, got 0");
        assertThatThrownBy(() -> HeraldConfig.builder().maxInFlightPerEndpoint(-1).build())
                .hasMessage("max_in_flight_per_endpoint: must be at least 1, got -1");
        assertThatThrownBy(() -> HeraldConfig.builder().closeTimeout(Duration.ofSeconds(-1)).build())
                .hasMessage("close_timeout: must be zero or more, got PT-1S");
    }
}
