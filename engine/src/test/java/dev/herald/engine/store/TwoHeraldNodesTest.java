package dev.herald.engine.store;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.dispatch.DispatchResult;
import dev.herald.engine.Herald;
import dev.herald.store.jdbc.EmbeddedPostgresServer;
import dev.herald.store.jdbc.PostgresStoreConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Herald nodes on one PostgreSQL outbox, the same two webhooks, one real loopback receiver; node a runs in a
 * child JVM and is killed with SIGKILL while it dispatches and sends, so that it releases nothing and renews
 * nothing. Node b, in this JVM, must then deliver everything a accepted, and no endpoint may ever be sent to by both
 * nodes at once.
 *
 * <p>How overlap is judged: every request carries a header naming the node that sent it (each node's config adds
 * it to the same webhooks), and the receiver holds each request 10 ms and records when it arrived and when its
 * exchange ended. Two exchanges with one endpoint from different nodes whose times overlap are an overlap. Several
 * requests in flight from one node are allowed (4 per endpoint here) and not counted.
 */
@Tag("slow")
class TwoHeraldNodesTest {
    private static final int A_EVENTS = 3000;
    private static final int B_EVENTS_BEFORE_KILL = 150;
    private static final int B_EVENTS_AFTER_KILL = 150;
    private static final int A_ACCEPTED_BEFORE_KILL = 600;
    private static final int A_SENT_BEFORE_KILL = 100;

    @RegisterExtension
    static final EmbeddedPostgresServer POSTGRES = new EmbeddedPostgresServer();

    private final OverlapReceiver receiver = new OverlapReceiver(SharedOutboxNode.NODE_HEADER, Duration.ofMillis(10));
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        receiver.close();
    }

    @Test
    void whenOneNodeIsKilledTheOtherDeliversEverythingItAcceptedAndNoEndpointIsSentToByBothAtOnce()
            throws Exception {
        PostgresStoreConfig db = POSTGRES.freshSchema();
        List<String> lines = new CopyOnWriteArrayList<>();
        Process a = startNodeA(db, lines);
        toClose.add(a::destroyForcibly);
        // a holds both endpoints once it sends: b, started after, finds them leased and leaves them to a.
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.fromNode("a") > 0);
        Herald b = Herald.start(SharedOutboxNode.config(db.jdbcUrl(), db.schema(), receiver.baseUrl(), "b"));
        toClose.add(b);

        Set<String> acceptedByB = new HashSet<>(dispatch(b, 0, B_EVENTS_BEFORE_KILL));
        await().atMost(Duration.ofSeconds(20)).until(() -> accepted(lines).size() >= A_ACCEPTED_BEFORE_KILL
                && receiver.fromNode("a") >= A_SENT_BEFORE_KILL);
        a.destroyForcibly();
        assertThat(a.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long sentByABeforeKill = receiver.fromNode("a");
        acceptedByB.addAll(dispatch(b, B_EVENTS_BEFORE_KILL, B_EVENTS_AFTER_KILL));

        Set<String> acceptedByA = accepted(lines);
        Set<String> accepted = new HashSet<>(acceptedByA);
        accepted.addAll(acceptedByB);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.idCounts().keySet().containsAll(accepted));

        Map<String, Long> counts = receiver.idCounts();
        List<String> duplicates = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .toList();
        Set<String> resentByB = receiver.exchanges().stream().filter(e -> e.node().equals("b"))
                .map(OverlapReceiver.Exchange::deliveryId).filter(acceptedByA::contains).collect(Collectors.toSet());
        System.out.printf("two nodes: accepted a=%d b=%d; sent by a before the kill=%d; requests a=%d b=%d;"
                        + " a's deliveries sent by b=%d; duplicates=%d; cross-node overlaps=%d%n",
                acceptedByA.size(), acceptedByB.size(), sentByABeforeKill, receiver.fromNode("a"),
                receiver.fromNode("b"), resentByB.size(), duplicates.size(), receiver.crossNodeOverlaps().size());

        assertThat(acceptedByA).hasSizeGreaterThanOrEqualTo(A_ACCEPTED_BEFORE_KILL);
        assertThat(acceptedByB).hasSize(2 * (B_EVENTS_BEFORE_KILL + B_EVENTS_AFTER_KILL));
        // Every accepted delivery arrived, under the id its node gave it.
        assertThat(counts.keySet()).containsAll(accepted);
        // b took a's work over after the kill: a's leases expired without being released.
        assertThat(resentByB).isNotEmpty();
        assertThat(receiver.exchanges()).filteredOn(e -> e.node().equals("b"))
                .extracting(OverlapReceiver.Exchange::endpoint).containsAll(SharedOutboxNode.ENDPOINTS);
        assertThat(receiver.crossNodeOverlaps()).isEmpty();
        // A duplicate is an attempt a made whose end it could not record before dying: sent once by a, once by b.
        for (String id : duplicates) {
            assertThat(receiver.exchanges()).filteredOn(e -> e.deliveryId().equals(id))
                    .extracting(OverlapReceiver.Exchange::node).containsExactly("a", "b");
        }
    }

    private Process startNodeA(PostgresStoreConfig db, List<String> lines) throws IOException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SharedOutboxNode.class.getName(), db.jdbcUrl(),
                db.schema(), receiver.baseUrl(), "a", String.valueOf(A_EVENTS))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread reader = new Thread(() -> readLines(child, lines), "node-a-stdout");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private static List<String> dispatch(Herald node, int from, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            DispatchResult r = node.dispatcher().dispatch(SharedOutboxNode.event("b", i));
            assertThat(r.status()).as("event %d on b: %s", i, r).isEqualTo(DispatchResult.Status.ACCEPTED);
            ids.addAll(r.deliveryIds());
        }
        return ids;
    }

    private static Set<String> accepted(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("accepted ")).map(l -> l.substring(9))
                .collect(Collectors.toSet());
    }

    private static void readLines(Process child, List<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            r.lines().forEach(lines::add);
        } catch (IOException | RuntimeException e) {
            // The child was killed; what it printed is in lines already.
        }
    }
}
