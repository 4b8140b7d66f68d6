package dev.herald.engine.store;

import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.store.jdbc.PostgresStoreConfig;
import dev.herald.store.jdbc.StoreSettings;
import dev.herald.transport.http.HttpTransportConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * One Herald node of {@link TwoHeraldNodesTest} on a shared PostgreSQL outbox, and, as {@link #main}, the child JVM
 * that plays the node which crashes: it starts Herald, dispatches events without pause, prints
 * {@code accepted <delivery id>} for each delivery the store confirmed, and never closes: it ends only by being
 * killed.
 *
 * <p>Arguments of {@code main}: JDBC URL, schema, receiver base URL, node id, events.
 */
public final class SharedOutboxNode {
    /** Header naming the node that sent a request, so that the receiver can tell the nodes apart. */
    static final String NODE_HEADER = "X-Test-Node";
    static final List<String> ENDPOINTS = List.of("one", "two");
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration POLL = Duration.ofMillis(100);
    /** Few places per endpoint, so that a node always has deliveries waiting when it dies. */
    static final int IN_FLIGHT_PER_ENDPOINT = 4;

    private SharedOutboxNode() {}

    /**
     * The config of node {@code node}: the same two webhooks on every node, Standard Webhooks signed (its
     * {@code webhook-id} is the delivery id), plus a header naming the node.
     */
    static HeraldConfig config(String jdbcUrl, String schema, String receiverBase, String node) {
        RetryPolicy retry = RetryPolicy.builder().retryAttempts(5).baseDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofMillis(400)).build();
        List<Endpoint> endpoints = ENDPOINTS.stream().map(name -> Endpoint.builder(receiverBase + "/" + name)
                .name(name).filter(EventFilter.of(EventType.TOOL_SUCCESS))
                .authentication(AuthSpec.of("standard_webhooks", Map.of("secret", SECRET)))
                .headers(Map.of(NODE_HEADER, node)).retryPolicy(retry)
                // The least allowed, a third of the lease: an attempt ends before its endpoint can pass to another node.
                .timeout(Duration.ofSeconds(1)).build()).toList();
        PostgresStoreConfig store = PostgresStoreConfig.of(jdbcUrl, "postgres", null).withSchema(schema)
                .withPoolSize(3);
        return HeraldConfig.builder().endpoints(endpoints)
                .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                .maxInFlightPerEndpoint(IN_FLIGHT_PER_ENDPOINT)
                .store(StoreSettings.postgres(store).withNode(node)
                        .withTimings(LEASE, POLL, StoreSettings.DEFAULT_RETENTION))
                .build();
    }

    /** The i-th event a node dispatches; its request id names node and number, for the failure messages. */
    static Event event(String node, int i) {
        return Event.builder(EventType.TOOL_SUCCESS).context(new RequestContext(node + "-" + i, "alice", "t1", "s1"))
                .metadata(Map.of("tool_name", "search")).build();
    }

    public static void main(String[] args) throws InterruptedException {
        String jdbcUrl = args[0];
        String schema = args[1];
        String receiverBase = args[2];
        String node = args[3];
        int events = Integer.parseInt(args[4]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Herald herald = Herald.start(config(jdbcUrl, schema, receiverBase, node));
        out.println("started");
        for (int i = 0; i < events; i++) {
            // Waits for the store: "accepted" here means durable, which is what the other node must deliver.
            DispatchResult r = herald.dispatcher().dispatchAndAwait(event(node, i), herald.dispatcher().storeTimeout());
            for (String id : r.deliveryIds()) {
                out.println("accepted " + id);
            }
        }
        out.println("dispatched");
        new CountDownLatch(1).await();
    }
}
