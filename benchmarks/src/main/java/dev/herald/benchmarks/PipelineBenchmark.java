package dev.herald.benchmarks;

import dev.herald.auth.AuthSignerFactory;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.DispatcherStats;
import dev.herald.core.event.Event;
import dev.herald.core.time.SystemScheduler;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.templates.FreemarkerTemplateRenderer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole pipeline of one event, synchronously: filter, reserve, render (once per distinct template), sign
 * (once per endpoint) and hand to a transport that answers 200 at once. The dispatcher runs its work on the
 * caller ({@code executor(Runnable::run)}), so one {@code dispatch} call is one event's complete cost.
 *
 * <p>Results, in nanoseconds: {@code dispatch} per event, and {@code dispatch:deliveries} per delivery (the
 * same time divided by the deliveries made, {@code endpoints} per event). The per-delivery figure is the one to
 * set against {@link BaselineBenchmark#hmacSha256()}. For throughput, run with {@code -bm thrpt -tu s}: events
 * and deliveries per second.
 *
 * <p>With its baselines, in one JVM invocation:
 * {@code java -jar benchmarks/target/benchmarks.jar 'PipelineBenchmark|BaselineBenchmark'}; one cell:
 * {@code ... PipelineBenchmark -p endpoints=1 -p signing=hmac -p template=default}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineBenchmark {
    /** Endpoints that take the event. */
    @Param({"1", "10", "100"})
    public int endpoints;

    /** Every endpoint's {@code authentication.type}. */
    @Param({"none", "hmac", "standard_webhooks"})
    public String signing;

    /** The seed's default template, or a custom one in the seed's syntax. */
    @Param({"default", "custom"})
    public String template;

    /**
     * {@code off}: no observer, as a library user who binds none; {@code on}: Herald's metrics into a Prometheus
     * registry and its traces on the OpenTelemetry SDK, every span sampled ({@link Observability});
     * {@code metrics} or {@code tracing}: one of the two, to tell their costs apart; {@code sampled}: both, one
     * trace in a hundred sampled.
     */
    @Param({"off", "on", "metrics", "tracing", "sampled"})
    public String observe;

    private Observability observability;

    private Dispatcher dispatcher;
    private BenchmarkFixtures.InstantTransport transport;
    private SystemScheduler scheduler;
    private Event event;

    /** Counts deliveries, so that JMH also reports the time per delivery. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Deliveries {
        /** Deliveries made in this iteration; JMH reads it as operations. */
        public long deliveries;

        /** JMH does not reset counters itself. */
        @Setup(Level.Iteration)
        public void reset() {
            deliveries = 0;
        }
    }

    /** Builds the dispatcher as the gateway adapter does, with the real signers and templates. */
    @Setup(Level.Trial)
    public void setUp() {
        event = BenchmarkFixtures.event();
        transport = new BenchmarkFixtures.InstantTransport();
        // The system clock, as in production: Standard Webhooks reads it for every attempt. Its timer thread
        // stays idle, since an instant 200 schedules no retry.
        scheduler = new SystemScheduler();
        Dispatcher.Builder builder = Dispatcher.builder()
                .endpoints(BenchmarkFixtures.endpoints(endpoints, signing, "https://hooks.example.com/herald"))
                .transport(transport)
                .signerFactory(new AuthSignerFactory())
                .templateRenderer(new FreemarkerTemplateRenderer(BenchmarkFixtures.templates(template)))
                .scheduler(scheduler)
                .executor(Runnable::run)
                // Every delivery ends inside dispatch, so the bound is never approached; high all the same, so
                // that a benchmark on several threads cannot meet it either.
                .capacity(1_000_000);
        observability = observe == null ? null : Observability.of(observe);
        if (observability != null) {
            dispatcher = BenchmarkFixtures.observedDispatcher(builder, observability.modules());
        } else {
            dispatcher = builder.build();
        }
    }

    /**
     * Fails the run when any delivery did not end delivered: a pipeline that fails fast would otherwise be
     * measured as a fast pipeline.
     */
    @TearDown(Level.Iteration)
    public void check() {
        DispatcherStats stats = dispatcher.stats();
        if (stats.deliveriesFailed() != 0 || stats.eventsRejected() != 0 || stats.outstanding() != 0) {
            throw new IllegalStateException("deliveries did not all succeed: " + stats);
        }
        OutboundRequest last = transport.last();
        if (last == null) {
            throw new IllegalStateException("nothing was sent");
        }
        String expected = switch (signing) {
            case "hmac" -> "X-Signature";
            case "standard_webhooks" -> "webhook-signature";
            default -> null;
        };
        if (expected != null && !last.headers().containsKey(expected)) {
            throw new IllegalStateException("the request carries no " + expected + " header: "
                    + last.headers().keySet());
        }
        if (observability != null && observability.tracing() && observability.spansExported() == 0) {
            throw new IllegalStateException("observing, yet no span was exported");
        }
    }

    /** Releases the scheduler's thread. */
    @TearDown(Level.Trial)
    public void tearDown() {
        dispatcher.close(Duration.ZERO);
        scheduler.close();
        if (observability != null) {
            observability.close();
        }
    }

    /** One event through the whole pipeline to every endpoint. */
    @Benchmark
    public DispatchResult dispatch(Deliveries counter) {
        DispatchResult result = dispatcher.dispatch(event);
        counter.deliveries += result.deliveryIds().size();
        return result;
    }

    /** The dispatcher, for tests that drive the state by hand. */
    Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The transport, for tests that drive the state by hand. */
    BenchmarkFixtures.InstantTransport transport() {
        return transport;
    }
}
