package dev.herald.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.dispatch.DispatcherStats;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.gateway.hooks.GlobalContext;
import dev.herald.gateway.hooks.HookException;
import dev.herald.gateway.hooks.HookPayloads;
import dev.herald.gateway.hooks.PluginContext;
import dev.herald.gateway.hooks.PluginResult;
import dev.herald.gateway.hooks.WebhookNotificationPlugin;
import dev.herald.templates.TemplateConfig;
import dev.herald.transport.http.HttpTransportConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * The gateway's {@code tool_post_invoke} hook while every endpoint is dead: what the gateway waits for on each
 * tool call. Sampled, so JMH reports the distribution (p50, p99, p99.9) as well as the mean.
 *
 * <p>A real {@link Herald#start} (Guice, the reactor-netty transport with its SSRF guard and circuit breakers,
 * FreeMarker, the signers, the dispatcher's own threads) whose endpoints point at a closed loopback port: the
 * first attempts are refused, each endpoint's circuit then opens, and the retries wait a minute, so the
 * deliveries pile up in the background exactly as in production while the hook is timed. A transport that never
 * answers would have hidden the real transport's work on the other cores. Deliveries pile up at the rate the
 * hook is called, far faster than a gateway calls it, so Herald is started afresh for every iteration and the
 * previous one is closed at once: each iteration starts from an empty dispatcher, its capacity is never reached
 * (checked, the iteration fails otherwise), and the heap holds at most one iteration's deliveries.
 *
 * <p>{@code invoke} is the external-plugin path, JSON nodes as the MCP server hands them over (Jackson binding
 * included); {@code toolPostInvoke} starts from the bound records.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HookLatencyBenchmark}; the percentiles are the
 * {@code :p0.50} and {@code :p0.99} rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Each endpoint's circuit opening is logged at WARN, once per endpoint and iteration; it is expected here.
@Fork(value = 2, jvmArgsAppend = "-DHERALD_LOG_LEVEL=ERROR")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class HookLatencyBenchmark {
    /** Far above what one iteration dispatches, so that back-pressure never answers for the hook. */
    static final int CAPACITY = 50_000_000;

    private static final String PAYLOAD = "{\"name\": \"search_docs\", \"result\": {\"content\": [{\"type\": \"text\","
            + " \"text\": \"3 documents found\"}], \"isError\": false}}";
    private static final String CONTEXT = "{\"state\": {}, \"metadata\": {}, \"global_context\": {\"request_id\":"
            + " \"req-7f3a9c2e\", \"user\": \"alice@example.com\", \"tenant_id\": \"acme\", \"server_id\": \"srv-eu-1\"}}";

    /** Dead endpoints, each subscribed to the hook's event and signed with the seed's HMAC. */
    @Param({"1", "10"})
    public int endpoints;

    /**
     * How long the benchmark thread rests before each call, outside the timed region (JMH times only the call in
     * sample mode): 0 calls back to back, far faster than any gateway, so the background work of the piled-up
     * deliveries takes every core and the heap fills; 100 keeps the rate under 10,000 calls per second, a busy
     * gateway's, where Herald's executor keeps up.
     */
    @Param({"0", "100"})
    public int pauseMicros;

    private int deadPort;
    private JsonNode payloadJson;
    private JsonNode contextJson;
    private HookPayloads.ToolPostInvoke payload;
    private PluginContext context;
    private Herald herald;
    private WebhookNotificationPlugin plugin;

    /** Finds a closed port and parses the hook's JSON once, as the MCP server has done before the hook runs. */
    @Setup(Level.Trial)
    public void setUpTrial() throws IOException {
        deadPort = closedLoopbackPort();
        ObjectMapper json = new ObjectMapper();
        payloadJson = json.readTree(PAYLOAD);
        contextJson = json.readTree(CONTEXT);
        payload = json.treeToValue(payloadJson, HookPayloads.ToolPostInvoke.class);
        context = new PluginContext(Map.of(), Map.of(),
                new GlobalContext("req-7f3a9c2e", "alice@example.com", "acme", "srv-eu-1", null, null));
    }

    /** A fresh Herald for each iteration; see the class comment. */
    @Setup(Level.Iteration)
    public void start() {
        herald = Herald.start(config(endpoints, deadPort));
        plugin = new WebhookNotificationPlugin(TemplateConfig.DEFAULT_PLUGIN_NAME, herald.dispatcher(), false);
    }

    /** Paces the calls; see {@link #pauseMicros}. */
    @Setup(Level.Invocation)
    public void pause() {
        if (pauseMicros > 0) {
            LockSupport.parkNanos(pauseMicros * 1000L);
        }
    }

    /**
     * Drops every pending delivery at once, then fails the iteration if any event was refused (the hook met
     * back-pressure) or any delivery ended (the endpoints were not dead but, say, refused by the SSRF guard, which
     * ends deliveries at once and would make the background far lighter than with dead endpoints).
     */
    @TearDown(Level.Iteration)
    public void stop() {
        DispatcherStats stats = herald.dispatcher().stats();
        herald.close(Duration.ZERO);
        if (stats.eventsRejected() != 0 || stats.eventsAccepted() == 0) {
            throw new IllegalStateException("the hook met back-pressure or dispatched nothing: " + stats);
        }
        if (stats.deliveriesDelivered() != 0 || stats.deliveriesFailed() != 0) {
            throw new IllegalStateException("deliveries ended, so the endpoints were not dead: " + stats);
        }
    }

    /** The hook as the external-plugin server calls it. */
    @Benchmark
    public PluginResult invoke() throws HookException {
        return plugin.invoke("tool_post_invoke", payloadJson, contextJson);
    }

    /** The hook from already-bound records. */
    @Benchmark
    public PluginResult toolPostInvoke() {
        return plugin.toolPostInvoke(payload, context);
    }

    /**
     * Herald's config for {@code count} endpoints at {@code http://127.0.0.1:<port>/hook/<i>}: loopback allowed
     * by the SSRF guard, a minute before the first retry, capacity {@link #CAPACITY}, no wait when closing.
     */
    static HeraldConfig config(int count, int port) {
        RetryPolicy slow = RetryPolicy.builder().retryAttempts(3).baseDelay(Duration.ofMinutes(1)).build();
        List<Endpoint> dead = new ArrayList<>(count);
        for (Endpoint e : BenchmarkFixtures.endpoints(count, "hmac", "http://127.0.0.1:" + port + "/hook")) {
            dead.add(e.toBuilder().retryPolicy(slow).build());
        }
        return HeraldConfig.builder()
                .endpoints(dead)
                .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                .capacity(CAPACITY)
                .closeTimeout(Duration.ZERO)
                .build();
    }

    /** A loopback port nobody listens on: bound by the system, then released. */
    static int closedLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running Herald, for tests that drive the state by hand. */
    Herald herald() {
        return herald;
    }
}
