package dev.herald.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.EventType;
import dev.herald.core.store.InMemoryDeliveryStore;
import dev.herald.core.testing.CountingRenderer;
import dev.herald.core.testing.ScriptedTransport;
import dev.herald.core.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dispatcher built for a container does nothing with its store until it is started. */
class DispatcherStartTest {
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final ManualScheduler clock = new ManualScheduler(T0);
    private final InMemoryDeliveryStore store = new InMemoryDeliveryStore(clock::now);

    private Dispatcher.Builder node() {
        return Dispatcher.builder().endpoints(List.of(Endpoint.builder("https://ops.example/hook").name("ops")
                        .filter(EventFilter.of(EventType.TOOL_SUCCESS)).build()))
                .transport(new ScriptedTransport()).templateRenderer(new CountingRenderer()).scheduler(clock)
                .executor(Runnable::run).store(store).node("a").leaseDuration(LEASE);
    }

    /** Whether another node can take the endpoint's lease, that is whether node "a" does not hold it. */
    private boolean anotherNodeCanLeaseTheEndpoint() {
        return store.leaseEndpoints("b", List.of("ops"), T0, T0.plus(LEASE)).contains("ops");
    }

    @Test
    void anUnstartedDispatcherHoldsNoLeaseUntilStarted() {
        Dispatcher d = node().buildUnstarted();

        assertThat(anotherNodeCanLeaseTheEndpoint()).isTrue();
        d.close(Duration.ZERO);
    }

    @Test
    void startingLeasesTheEndpointsAndStartingTwiceIsHarmless() {
        Dispatcher d = node().buildUnstarted();
        d.start();
        d.start();

        assertThat(anotherNodeCanLeaseTheEndpoint()).isFalse();
        d.close(Duration.ZERO);
    }

    @Test
    void aClosedDispatcherDoesNotStart() {
        Dispatcher d = node().buildUnstarted();
        d.close(Duration.ZERO);
        d.start();

        assertThat(anotherNodeCanLeaseTheEndpoint()).isTrue();
    }
}
