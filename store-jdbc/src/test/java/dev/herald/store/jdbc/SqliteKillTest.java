package dev.herald.store.jdbc;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import dev.herald.core.store.StoredState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The embedded store keeps every append it acknowledged when its process is killed with SIGKILL in the middle of
 * writing, in either durability mode: a kill loses no write the operating system was handed.
 */
@Tag("slow")
class SqliteKillTest {
    private static final int PER_BATCH = 20;
    private static final int BATCHES = 20_000;
    private static final int ACKED_BEFORE_KILL = 100;

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(SqliteStoreConfig.Durability.class)
    void everyAcknowledgedAppendSurvivesKillDashNine(SqliteStoreConfig.Durability durability) throws Exception {
        Path store = directory.resolve("store");
        List<String> lines = new CopyOnWriteArrayList<>();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AppendUntilKilled.class.getName(), store.toString(),
                durability.name(), String.valueOf(BATCHES), String.valueOf(PER_BATCH))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread reader = new Thread(() -> readLines(child, lines), "child-stdout");
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> acked(lines).size() >= ACKED_BEFORE_KILL);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        reader.join(10_000);
        Set<String> acked = acked(lines);
        assertThat(lines).noneMatch(l -> l.startsWith("failed"));
        assertThat(acked.size()).as("batches acknowledged before the kill").isBetween(ACKED_BEFORE_KILL, BATCHES - 1);

        try (SqliteDeliveryStore reopened = SqliteDeliveryStore.open(SqliteStoreConfig.in(store))) {
            List<DeliveryRecord> all = reopened.list(new DeliveryQuery(null, null, BATCHES * PER_BATCH));
            Set<String> stored = all.stream().map(r -> r.delivery().deliveryId()).collect(Collectors.toSet());
            for (String batch : acked) {
                for (int i = 0; i < PER_BATCH; i++) {
                    assertThat(stored).contains(batch + "-" + i);
                }
            }
            // A batch is whole or absent: each append is one transaction.
            assertThat(stored.size() % PER_BATCH).isZero();
            assertThat(all).allSatisfy(r -> assertThat(r.delivery().state()).isEqualTo(StoredState.PENDING));
        }
    }

    private static Set<String> acked(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("acked ")).map(l -> l.substring(6)).collect(Collectors.toSet());
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
