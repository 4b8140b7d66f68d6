package dev.herald.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.store.jdbc.SqliteStoreConfig;
import dev.herald.store.jdbc.StoreSettings;
import dev.herald.transport.http.HttpTransportConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Herald started from a config whose store names short leases, as a fast fail-over wants. */
class HeraldStoreStartTest {
    @TempDir
    Path directory;

    @Test
    void aLeaseShorterThanFifteenSecondsStartsAndDelivers() {
        try (TestReceiver receiver = new TestReceiver()) {
            StoreSettings store = StoreSettings.sqlite(SqliteStoreConfig.in(directory))
                    .withTimings(Duration.ofSeconds(3), Duration.ofMillis(100), StoreSettings.DEFAULT_RETENTION);
            HeraldConfig config = HeraldConfig.builder()
                    .endpoints(List.of(Endpoint.builder(receiver.url("/hook")).name("ops")
                            .filter(EventFilter.of(EventType.TOOL_SUCCESS)).timeout(Duration.ofSeconds(1)).build()))
                    .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                    .store(store).build();

            try (Herald herald = Herald.start(config)) {
                DispatchResult r = herald.dispatcher().dispatch(Event.builder(EventType.TOOL_SUCCESS).build());

                assertThat(r.status()).isEqualTo(DispatchResult.Status.ACCEPTED);
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/hook").size() == 1);
            }
        }
    }
}
