package dev.herald.metrics.micrometer;

import static dev.herald.metrics.micrometer.MeterNames.DELIVERIES;
import static dev.herald.metrics.micrometer.MeterNames.STORE;
import static dev.herald.metrics.micrometer.MeterNames.STORE_APPEND_DURATION;
import static dev.herald.metrics.micrometer.MeterNames.STORE_COMMIT_DURATION;
import static dev.herald.metrics.micrometer.MeterNames.STORE_COMMIT_SIZE;
import static dev.herald.metrics.micrometer.MeterNames.STORE_LEASE_RENEWALS;
import static dev.herald.metrics.micrometer.MeterNames.STORE_PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.store.StoredState;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.store.jdbc.GroupCommitStats;
import dev.herald.store.jdbc.JdbcDeliveryStore;
import dev.herald.store.jdbc.SqliteStoreConfig;
import dev.herald.store.jdbc.StoreSettings;
import dev.herald.transport.http.HttpTransportConfig;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Herald on a SQLite store: the store's meters agree with what its writer says it committed, and the pending gauge
 * with what the store holds.
 */
class StoreMetricsTest {
    private static final int EVENTS = 4;

    @TempDir
    Path directory;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Readings read = new Readings(registry);

    @Test
    void commitsAndPendingDeliveriesAreWhatTheStoreHolds() {
        GroupCommitStats stats;
        try (TestReceiver receiver = new TestReceiver()) {
            receiver.hold("/held");
            StoreSettings store = StoreSettings.sqlite(SqliteStoreConfig.in(directory))
                    .withTimings(Duration.ofSeconds(3), Duration.ofMillis(100), StoreSettings.DEFAULT_RETENTION);
            HeraldConfig config = HeraldConfig.builder()
                    .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                    .endpoints(List.of(Endpoint.builder(receiver.url("/held")).name("held")
                            .filter(EventFilter.of(EventType.TOOL_SUCCESS)).timeout(Duration.ofSeconds(1)).build()))
                    .store(store).build();
            try (Herald herald = Herald.start(config, new MicrometerMetricsModule(registry))) {
                for (int i = 0; i < EVENTS; i++) {
                    DispatchResult r = herald.dispatcher().dispatchAndAwait(Event.builder(EventType.TOOL_SUCCESS)
                            .build(), Duration.ofSeconds(5));
                    assertThat(r.durable()).isTrue();
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/held").size() == EVENTS);
                await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
                        read.gauge(STORE_PENDING, STORE, "sqlite"))
                        .isEqualTo(herald.store().orElseThrow().count(StoredState.PENDING)).isEqualTo(EVENTS));

                receiver.release("/held");
                await().atMost(Duration.ofSeconds(10)).until(() -> read.counter(DELIVERIES) == EVENTS);
                await().atMost(Duration.ofSeconds(3)).untilAsserted(
                        () -> assertThat(read.gauge(STORE_PENDING, STORE, "sqlite")).isZero());
                assertThat(read.counter(STORE_LEASE_RENEWALS)).isPositive();
                JdbcDeliveryStore jdbc = (JdbcDeliveryStore) herald.store().orElseThrow();
                herald.close();
                stats = jdbc.groupCommitStats();
            }
        }
        // Closed: every write has landed, and each was recorded before its caller heard of it.
        DistributionSummary size = registry.get(STORE_COMMIT_SIZE).tags(STORE, "sqlite").summary();
        assertThat(size.count()).isEqualTo(stats.commits());
        assertThat((long) size.totalAmount()).isEqualTo(stats.writes());
        assertThat(read.timed(STORE_COMMIT_DURATION, STORE, "sqlite")).isEqualTo(stats.commits());
        assertThat(read.timed(STORE_APPEND_DURATION, STORE, "sqlite")).isEqualTo(stats.writes());
        // At least each event's append and each delivery's attempt and end, and fewer commits than writes when
        // some shared one.
        assertThat(stats.writes()).isGreaterThanOrEqualTo(3L * EVENTS);
        assertThat(stats.commits()).isPositive().isLessThanOrEqualTo(stats.writes());
        // The pending gauge, which reads the store, left with it; the memory kind never showed.
        assertThat(read.has(STORE_PENDING)).isFalse();
        assertThat(registry.find(STORE_COMMIT_SIZE).tags(STORE, "memory").meter()).isNull();
    }
}
