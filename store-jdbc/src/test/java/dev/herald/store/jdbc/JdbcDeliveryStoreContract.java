package dev.herald.store.jdbc;

import static dev.herald.store.testkit.StoreFixtures.T0;
import static dev.herald.store.testkit.StoreFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.retry.OutcomeClass;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.StoredDelivery;
import dev.herald.core.store.StoredState;
import dev.herald.store.testkit.DeliveryStoreContract;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The store contract, and what both JDBC stores add to it: the response bodies they cap and clean, and writes
 * grouped into shared commits.
 */
abstract class JdbcDeliveryStoreContract extends DeliveryStoreContract {

    @Override
    protected abstract JdbcDeliveryStore open(Clock clock);

    JdbcDeliveryStore jdbcStore() {
        return (JdbcDeliveryStore) store();
    }

    @Test
    void anAttemptKeepsTheStartOfALongResponseWithoutNulCharacters() {
        StoredDelivery d = pending("d-1", "ops", T0);
        append(null, null, d);
        String body = "\0head" + "x".repeat(100_000);
        AttemptRecord a = new AttemptRecord("d-1", d.event().id(), "ops", 1, T0, Duration.ofMillis(5), 500,
                "reset by peer\0", OutcomeClass.RETRYABLE, body, T0.plusSeconds(1));

        done(store().recordAttempt(a, StoredState.PENDING));

        AttemptRecord kept = only("d-1").attemptRecords().get(0);
        assertThat(kept.responseBody()).startsWith("\uFFFDhead").hasSize(JdbcDeliveryStore.MAX_RESPONSE_BODY_CHARS);
        assertThat(kept.error()).isEqualTo("reset by peer\uFFFD");
    }

    @Test
    void writesQueuedTogetherShareCommits() {
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            stages.add(store().append(List.of(pending("d-" + i, "ops", T0)), null, null).toCompletableFuture());
        }
        CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).join();

        GroupCommitStats stats = jdbcStore().groupCommitStats();
        assertThat(stats.writes()).isEqualTo(500);
        assertThat(stats.commits()).isLessThan(stats.writes());
        assertThat(store().list(new DeliveryQuery(null, null, 1000))).hasSize(500);
    }
}
