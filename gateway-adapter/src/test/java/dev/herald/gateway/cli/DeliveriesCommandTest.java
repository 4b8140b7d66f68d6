package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.StoredState;
import dev.herald.engine.Herald;
import dev.herald.gateway.config.PluginConfigLoader;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald deliveries list} and {@code replay} through the {@code herald} entry point, on a SQLite store that
 * a real Herald filled from real receivers: one that takes everything, one that answers 400 (dead letters) and one
 * that is down (pending retries). Replayed dead letters go out on the next run with the ids they had.
 */
class DeliveriesCommandTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final int EVENTS = 3;

    @TempDir
    Path dir;

    private final TestReceiver receiver = new TestReceiver();
    private String stdout = "";
    private String stderr = "";

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Path config(String store) throws Exception {
        TestReceiver down = new TestReceiver();
        String downUrl = down.url("/down");
        down.close();
        Path file = Files.createTempFile(dir, "config", ".yaml");
        Files.writeString(file, """
                allowed_networks: ["127.0.0.0/8"]
                %s
                webhooks:
                  - {url: "%s", name: ok, events: [tool_error], authentication: {type: standard_webhooks, secret: "%s"}}
                  - {url: "%s", name: bad, events: [tool_error], retry_attempts: 0,
                     authentication: {type: standard_webhooks, secret: "%s"}}
                  - {url: "%s", name: down, events: [tool_error], retry_attempts: 3, retry_delay: 60000,
                     authentication: {type: standard_webhooks, secret: "%s"}}
                """.formatted(store, receiver.url("/ok"), SECRET, receiver.url("/bad"), SECRET, downUrl, SECRET));
        return file;
    }

    private Path sqliteConfig() throws Exception {
        return config("store: {type: sqlite, path: \"%s\", node: cli-test, lease: 2, poll_interval: 0.1}"
                .formatted(dir.resolve("store")));
    }

    private int herald(String... args) {
        CliRun run = CliRun.of(args);
        stdout = run.stdout();
        stderr = run.stderr();
        return run.exit();
    }

    private static Herald start(Path config) throws Exception {
        return Herald.start(PluginConfigLoader.load(config, null, Map.of()).herald());
    }

    private static Event event(int i) {
        return Event.builder(EventType.TOOL_ERROR).context(new RequestContext("req-" + i, "alice", "acme", "srv-1"))
                .metadata(Map.of("tool_name", "search", "error", "boom " + i)).build();
    }

    private static int count(DeliveryStore store, StoredState state, String endpoint) {
        return store.list(new DeliveryQuery(state, endpoint, 100)).size();
    }

    /** Fills the store: every event delivered to ok, dead at bad after its 400, pending for down after one try. */
    private void fill(Path config) throws Exception {
        receiver.on("/ok", n -> Answer.status(200));
        receiver.on("/bad", n -> Answer.body(400, "{\"error\": \"missing field\"}\nsecond line"));
        try (Herald herald = start(config)) {
            for (int i = 0; i < EVENTS; i++) {
                assertThat(herald.dispatcher().dispatch(event(i)).status()).isEqualTo(DispatchResult.Status.ACCEPTED);
            }
            DeliveryStore store = herald.store().orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> count(store, StoredState.DELIVERED, "ok") == EVENTS
                    && count(store, StoredState.DEAD, "bad") == EVENTS
                    && store.list(new DeliveryQuery(StoredState.PENDING, "down", 100)).stream()
                            .filter(r -> r.delivery().attempts() == 1).count() == EVENTS);
        }
    }

    private List<String> lines() {
        return Arrays.stream(stdout.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    private static Set<String> ids(List<TestReceiver.Received> received) {
        return received.stream().map(r -> r.headers().get("webhook-id")).collect(Collectors.toSet());
    }

    @Test
    void listShowsEachDeliveryWithItsAttemptsByStateAndEndpoint() throws Exception {
        Path config = sqliteConfig();
        fill(config);

        assertThat(herald("deliveries", "list", "--status", "dead", "--config", config.toString()))
                .as(stderr).isZero();
        List<String> dead = lines();
        assertThat(dead).hasSize(2 * EVENTS + 1).last().isEqualTo(EVENTS + " deliveries");
        Set<String> badIds = ids(receiver.received("/bad"));
        for (int i = 0; i < EVENTS; i++) {
            String delivery = dead.get(2 * i);
            String attempt = dead.get(2 * i + 1);
            assertThat(delivery).matches("msg_\\S+ bad dead attempts=1 event=tool_error accepted=\\S+Z next=-.*");
            assertThat(badIds).contains(delivery.substring(0, delivery.indexOf(' ')));
            assertThat(attempt).matches("  #1 \\S+Z status=400 latency=\\d+ms outcome=\\S+ response="
                    + "\"\\{\\\\\"error\\\\\": \\\\\"missing field\\\\\"}\\\\nsecond line\"");
        }

        assertThat(herald("deliveries", "list", "--status", "pending", "--config", config.toString())).isZero();
        assertThat(lines()).last().isEqualTo(EVENTS + " deliveries");
        assertThat(lines()).filteredOn(l -> !l.startsWith(" ")).hasSize(EVENTS + 1)
                .allMatch(l -> l.startsWith("msg_") ? l.contains(" down pending attempts=1 ") : l.endsWith("deliveries"));
        assertThat(lines()).filteredOn(l -> l.startsWith("  #1")).hasSize(EVENTS)
                .allMatch(l -> l.contains("status=none") && l.contains(" error="));

        assertThat(herald("deliveries", "list", "--endpoint", "ok", "--limit", "2", "--config", config.toString()))
                .isZero();
        assertThat(lines()).filteredOn(l -> l.startsWith("msg_")).hasSize(2)
                .allMatch(l -> l.contains(" ok delivered attempts=1 "));

        assertThat(herald("deliveries", "list", "--json", "--config", config.toString())).isZero();
        JsonNode all = new ObjectMapper().readTree(stdout);
        assertThat(all).hasSize(3 * EVENTS);
        assertThat(all.findValuesAsText("state")).containsOnly("delivered", "dead", "pending");
        assertThat(all.get(0).path("attempt_records").get(0).has("latency_ms")).isTrue();
    }

    @Test
    void replayedDeadDeliveriesGoOutOnTheNextRunWithTheSameIds() throws Exception {
        Path config = sqliteConfig();
        fill(config);
        Set<String> firstIds = ids(receiver.received("/bad"));
        assertThat(firstIds).hasSize(EVENTS);

        assertThat(herald("deliveries", "replay", "--since", "1h", "--endpoint", "bad", "--config",
                config.toString())).as(stderr).isZero();
        assertThat(stdout).startsWith("replayed " + EVENTS + " dead deliveries accepted since ").contains("for bad");
        assertThat(herald("deliveries", "list", "--status", "dead", "--config", config.toString())).isZero();
        assertThat(stdout).isEqualTo("0 deliveries\n");

        receiver.on("/bad", n -> Answer.status(200));
        try (Herald herald = start(config)) {
            DeliveryStore store = herald.store().orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> count(store, StoredState.DELIVERED, "bad") == EVENTS);
        }
        List<TestReceiver.Received> got = receiver.received("/bad");
        assertThat(got).hasSize(2 * EVENTS);
        assertThat(ids(got.subList(EVENTS, 2 * EVENTS))).isEqualTo(firstIds);
        assertThat(receiver.received("/ok")).hasSize(EVENTS);

        assertThat(herald("deliveries", "list", "--status", "delivered", "--endpoint", "bad", "--config",
                config.toString())).isZero();
        assertThat(lines()).filteredOn(l -> l.startsWith("msg_")).hasSize(EVENTS)
                .allMatch(l -> l.contains(" bad delivered attempts=2 "));
        assertThat(lines()).filteredOn(l -> l.startsWith("  #2")).hasSize(EVENTS).allMatch(l -> l.contains("status=200"));
    }

    @Test
    void badUsageAndConfigsExitTwoAndStoreProblemsExitOne() throws Exception {
        Path config = sqliteConfig();

        assertThat(herald("deliveries", "replay", "--since", "yesterday", "--config", config.toString())).isEqualTo(2);
        assertThat(stderr).contains("deliveries replay: --since: expected an ISO-8601 instant such as"
                + " 2024-05-01T12:00:00Z, or a time ago such as 90s, 30m, 1h or 7d, got \"yesterday\"");
        assertThat(herald("deliveries", "replay", "--since", "2024-05-01T12:00:00Z", "--endpoint", "nope",
                "--config", config.toString())).isEqualTo(2);
        assertThat(stderr).contains("--endpoint: the config has no endpoint named \"nope\"");
        assertThat(herald("deliveries", "list", "--status", "lost", "--config", config.toString())).isEqualTo(2);
        assertThat(stderr).contains("--status must be pending, delivered or dead, got \"lost\"");
        assertThat(herald("deliveries", "list", "--limit", "0", "--config", config.toString())).isEqualTo(2);
        assertThat(stderr).contains("--limit must be between 1 and 100000, got 0");
        assertThat(herald("deliveries", "list")).isEqualTo(2);
        assertThat(stderr).contains("Missing required option: '--config=FILE'");

        Path memory = config("store: {type: memory}");
        assertThat(herald("deliveries", "list", "--config", memory.toString())).isEqualTo(2);
        assertThat(stderr).contains("the config keeps deliveries in memory");

        Path typo = config("store: {type: sqlite, pth: x}");
        assertThat(herald("deliveries", "list", "--config", typo.toString())).isEqualTo(2);
        assertThat(stderr).contains("store.pth: unknown key (did you mean 'path'?)");

        // Nothing ran against this store yet: listing says so rather than creating an empty database.
        assertThat(herald("deliveries", "list", "--config", config.toString())).isEqualTo(1);
        assertThat(stderr).contains("deliveries list: no store at " + dir.resolve("store").resolve("herald.db"));
        assertThat(dir.resolve("store")).doesNotExist();

        Path notADatabase = dir.resolve("junk");
        Files.createDirectories(notADatabase);
        Files.writeString(notADatabase.resolve("herald.db"), "this is not a SQLite database, not at all ".repeat(50));
        Path junk = config("store: {type: sqlite, path: \"%s\"}".formatted(notADatabase));
        assertThat(herald("deliveries", "list", "--config", junk.toString())).isEqualTo(1);
        assertThat(stderr).contains("deliveries list: " + notADatabase.resolve("herald.db")
                + " is not a SQLite database, so not a Herald store");
    }
}
