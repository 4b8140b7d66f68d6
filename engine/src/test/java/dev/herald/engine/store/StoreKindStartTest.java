package dev.herald.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.InMemoryDeliveryStore;
import dev.herald.core.store.StoredState;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.store.jdbc.StoreKind;
import dev.herald.store.jdbc.StoreKindsModule;
import dev.herald.store.jdbc.StoreSettings;
import dev.herald.transport.http.HttpTransportConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Herald opens the config's store by the kind it names, among those the modules registered. */
class StoreKindStartTest {

    /** A kind of the user's: its settings name an outbox this process shares. */
    record Shared(InMemoryDeliveryStore outbox) {}

    private static HeraldConfig config(TestReceiver receiver, StoreSettings store) {
        return HeraldConfig.builder()
                .endpoints(List.of(Endpoint.builder(receiver.url("/hook")).name("ops")
                        .filter(EventFilter.of(EventType.TOOL_SUCCESS)).timeout(Duration.ofSeconds(1)).build()))
                .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                .store(store).build();
    }

    @Test
    void aStoreKindAModuleRegistersIsOpenedByName() {
        InMemoryDeliveryStore outbox = new InMemoryDeliveryStore();
        StoreKind shared = new StoreKind() {
            @Override
            public Optional<DeliveryStore> open(StoreSettings settings) {
                return Optional.of(settings.config(Shared.class).outbox());
            }

            @Override
            public String describe(StoreSettings settings) {
                return "a shared in-memory outbox";
            }
        };
        try (TestReceiver receiver = new TestReceiver()) {
            HeraldConfig config = config(receiver, StoreSettings.of("shared", new Shared(outbox)));

            try (Herald herald = Herald.start(config, new AbstractModule() {
                @Override
                protected void configure() {
                    StoreKindsModule.storeKinds(binder()).addBinding("shared").toInstance(shared);
                }
            })) {
                assertThat(herald.store()).containsSame(outbox);
                DispatchResult r = herald.dispatcher().dispatch(Event.builder(EventType.TOOL_SUCCESS).build());

                assertThat(r.status()).isEqualTo(DispatchResult.Status.ACCEPTED);
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/hook").size() == 1);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        outbox.list(new DeliveryQuery(StoredState.DELIVERED, null, 10)).size() == 1);
            }
        }
    }

    @Test
    void anUnknownKindFailsTheStartNamingItAndTheKnownKinds() {
        try (TestReceiver receiver = new TestReceiver()) {
            HeraldConfig config = config(receiver, StoreSettings.of("cassandra", null));

            assertThatThrownBy(() -> Herald.start(config)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("store.type: no store kind named 'cassandra'; known kinds: memory, postgres, sqlite");
        }
    }
}
