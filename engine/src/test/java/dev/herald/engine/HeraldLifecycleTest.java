package dev.herald.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.EventType;
import dev.herald.core.event.Event;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.core.template.TemplateRenderer;
import dev.herald.core.time.Cancellable;
import dev.herald.core.time.Scheduler;
import dev.herald.core.time.SystemScheduler;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.Transport;
import dev.herald.core.transport.TransportResponse;
import dev.herald.templates.FreemarkerTemplateRenderer;
import dev.herald.templates.TemplateConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What Herald builds it closes, on a failed start as on close; what the user bound as an instance it leaves. */
class HeraldLifecycleTest {
    private final List<String> closed = new CopyOnWriteArrayList<>();
    private final HeraldConfig config = HeraldConfig.builder().endpoints(List.of(Endpoint.builder(
            "https://queue.example/in").name("queue").filter(EventFilter.of(EventType.TOOL_SUCCESS)).build())).build();

    /** A transport that accepts everything and records its close under its name. */
    private class RecordingTransport implements Transport {
        private final String name;

        RecordingTransport(String name) {
            this.name = name;
        }

        @Override
        public CompletionStage<TransportResponse> send(OutboundRequest request) {
            return CompletableFuture.completedFuture(TransportResponse.of(202));
        }

        @Override
        public void close() {
            closed.add(name);
        }
    }

    /** The system scheduler, recording its close. */
    private final class RecordingScheduler implements Scheduler {
        private final SystemScheduler system = new SystemScheduler();

        @Override
        public Instant now() {
            return system.now();
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return system.schedule(delay, task);
        }

        @Override
        public void close() {
            system.close();
            closed.add("scheduler");
        }
    }

    /** A transport that, like a real client, holds a non-daemon thread from the moment it is built. */
    private final class ThreadHoldingTransport extends RecordingTransport {
        private final CountDownLatch release = new CountDownLatch(1);
        final Thread worker = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-transport-worker");

        ThreadHoldingTransport() {
            super("transport");
            worker.start();
        }

        @Override
        public void close() {
            release.countDown();
            super.close();
        }
    }

    private Module builtByHerald(Provider<Transport> transport) {
        Provider<Scheduler> scheduler = RecordingScheduler::new;
        return b -> {
            b.bind(Transport.class).toProvider(transport);
            OptionalBinder.newOptionalBinder(b, Scheduler.class).setBinding().toProvider(scheduler);
        };
    }

    @Test
    void aStartThatFailsAtTheTemplateCheckClosesWhatItBuiltLastBuiltFirst() {
        TemplateRenderer templates = new FreemarkerTemplateRenderer(TemplateConfig.ofDefaults());
        TemplateRenderer refuses = new TemplateRenderer() {
            @Override
            public CompiledTemplate select(Event event, Endpoint endpoint) {
                return templates.select(event, endpoint);
            }

            @Override
            public void validate(Collection<Endpoint> endpoints) {
                throw new IllegalArgumentException("webhooks.queue.template: refused");
            }
        };
        Module overrides = Modules.combine(builtByHerald(() -> new RecordingTransport("transport")),
                b -> b.bind(TemplateRenderer.class).toInstance(refuses));

        assertThatThrownBy(() -> Herald.start(config, overrides)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhooks.queue.template: refused");
        assertThat(closed).containsExactly("scheduler", "transport");
    }

    @Test
    void aUserModuleThatThrowsLeavesNoThreadAliveThatHeraldHadStarted() {
        Set<Thread> nonDaemonBefore = nonDaemonThreads();
        List<ThreadHoldingTransport> built = new CopyOnWriteArrayList<>();
        Provider<DeliveryListener> broken = () -> {
            throw new IllegalStateException("the user's listener cannot connect to its database");
        };
        Module overrides = Modules.combine(builtByHerald(() -> {
            ThreadHoldingTransport t = new ThreadHoldingTransport();
            built.add(t);
            return t;
        }), b -> Multibinder.newSetBinder(b, DeliveryListener.class).addBinding().toProvider(broken));

        assertThatThrownBy(() -> Herald.start(config, overrides))
                .hasMessageContaining("the user's listener cannot connect to its database");

        assertThat(built).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !built.get(0).worker.isAlive());
        // Polled on this thread: Awaitility's own poller is a non-daemon thread and would count.
        await().pollInSameThread().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> assertThat(nonDaemonThreads()).isSubsetOf(nonDaemonBefore));
        assertThat(closed).containsExactlyInAnyOrder("scheduler", "transport");
    }

    @Test
    void aCloseWhereOnePartThrowsStillClosesTheOthersAndReportsTheFailure() {
        Herald herald = Herald.start(config, builtByHerald(() -> new RecordingTransport("transport") {
            @Override
            public void close() {
                throw new IllegalStateException("transport stuck");
            }
        }));

        assertThatThrownBy(herald::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transport stuck");
        assertThat(closed).containsExactly("scheduler");
        // Closing again is a no-op: the parts were released once.
        herald.close();
        assertThat(closed).containsExactly("scheduler");
    }

    @Test
    void aTransportTheUserBoundAsAnInstanceIsLeftToTheUser() {
        RecordingTransport mine = new RecordingTransport("the user's transport");

        Herald.start(config, b -> b.bind(Transport.class).toInstance(mine)).close();

        assertThat(closed).isEmpty();
        mine.close();
    }

    @Test
    void aTransportBuiltByHeraldIsClosedByIt() {
        Herald.start(config, builtByHerald(() -> new RecordingTransport("transport"))).close();

        assertThat(closed).containsExactly("scheduler", "transport");
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }
}
