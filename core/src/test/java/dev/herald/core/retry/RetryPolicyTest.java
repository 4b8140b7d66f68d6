package dev.herald.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.testing.Vectors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {

    static Stream<JsonNode> seedBackoff() {
        return StreamSupport.stream(Vectors.seedParity().get("backoff").spliterator(), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedBackoff")
    void scheduleIsTheSeedsSleeps(JsonNode vector) {
        RetryPolicy policy = RetryPolicy.builder().retryAttempts(vector.get("retry_attempts").asInt())
                .baseDelay(Duration.ofMillis(vector.get("retry_delay_ms").asLong())).build();
        List<Long> expected = new ArrayList<>();
        vector.get("seed_sleeps_ms").forEach(n -> expected.add(n.asLong()));

        assertThat(policy.schedule()).extracting(Duration::toMillis).containsExactlyElementsOf(expected);
        assertThat(policy.maxAttempts()).isEqualTo(expected.size() + 1);
    }

    @Test
    void defaultsAreTheSeeds() {
        assertThat(RetryPolicy.DEFAULT.retryAttempts()).isEqualTo(3);
        assertThat(RetryPolicy.DEFAULT.baseDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryPolicy.DEFAULT.schedule()).extracting(Duration::toMillis).containsExactly(1000L, 2000L, 4000L);
    }

    @Test
    void capsASingleDelay() {
        RetryPolicy policy = RetryPolicy.builder().retryAttempts(10).baseDelay(Duration.ofSeconds(1))
                .maxDelay(Duration.ofSeconds(10)).build();
        assertThat(policy.schedule()).extracting(Duration::toMillis)
                .containsExactly(1000L, 2000L, 4000L, 8000L, 10000L, 10000L, 10000L, 10000L, 10000L, 10000L);
    }

    @Test
    void retryAfterLengthensTheWaitUpToItsCapButNeverShortensIt() {
        RetryPolicy policy = RetryPolicy.builder().baseDelay(Duration.ofSeconds(1))
                .maxRetryAfter(Duration.ofSeconds(30)).build();
        SplittableRandom random = new SplittableRandom(1);
        assertThat(policy.delayBeforeRetry(0, Duration.ofSeconds(5), random)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayBeforeRetry(0, Duration.ofHours(2), random)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayBeforeRetry(2, Duration.ofMillis(10), random)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayBeforeRetry(1, null, random)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void jitterComesFromTheInjectedSource() {
        RetryPolicy policy = RetryPolicy.builder().baseDelay(Duration.ofSeconds(1)).jitter(0.5).build();
        Duration a = policy.delayBeforeRetry(0, null, new SplittableRandom(42));
        Duration b = policy.delayBeforeRetry(0, null, new SplittableRandom(42));
        assertThat(a).isEqualTo(b).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(policy.delayBeforeRetry(0, null, () -> 0L)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refusesValuesOutsideTheSeedsRangesNamingTheKey() {
        assertThatThrownBy(() -> RetryPolicy.builder().retryAttempts(11).build())
                .hasMessage("retry_attempts: must be between 0 and 10, got 11");
        assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ofMillis(50)).build())
                .hasMessage("retry_delay: must be between 100 and 60000 ms, got 50");
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5).build()).hasMessageStartingWith("retry_jitter:");
        assertThatThrownBy(() -> RetryPolicy.builder().maxDelay(Duration.ofMillis(500)).build())
                .hasMessageStartingWith("max_retry_delay:");
    }
}
