package dev.herald.metrics.micrometer.internal;

import static dev.herald.metrics.micrometer.MeterNames.ATTEMPTS;
import static dev.herald.metrics.micrometer.MeterNames.ERROR_TYPE;
import static dev.herald.metrics.micrometer.MeterNames.HTTP_CLIENT_REQUEST_DURATION;
import static dev.herald.metrics.micrometer.MeterNames.RESEND_COUNT;
import static dev.herald.metrics.micrometer.MeterNames.STATUS_CODE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.AttemptEnd;
import dev.herald.core.retry.OutcomeClass;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tags an endpoint's meters take stay few, whatever the attempts and failures seen. */
class EndpointMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EndpointMeters meters = new EndpointMeters(registry, "ops");

    @Test
    void resendCountsFromTenShareOneTagValue() {
        for (int attempt = 1; attempt <= 15; attempt++) {
            meters.attempt(attempt).ended(new AttemptEnd(500, null, Duration.ofMillis(5), OutcomeClass.RETRYABLE,
                    Duration.ofSeconds(1), null));
        }

        assertThat(registry.get(ATTEMPTS).tag(RESEND_COUNT, "0").counter().count()).isEqualTo(1);
        assertThat(registry.get(ATTEMPTS).tag(RESEND_COUNT, "9").counter().count()).isEqualTo(1);
        assertThat(registry.get(ATTEMPTS).tag(RESEND_COUNT, "10+").counter().count()).isEqualTo(5);
        assertThat(registry.find(ATTEMPTS).counters()).hasSize(11);
        // The same observation serves every attempt with one resend count: nothing is built per attempt.
        assertThat(meters.attempt(12)).isSameAs(meters.attempt(11));
    }

    @Test
    void failuresBeyondTheCapShareTheOtherErrorType() {
        for (int i = 0; i < 40; i++) {
            meters.attempt(1).ended(new AttemptEnd(0, "com.example.Failure" + i, Duration.ofMillis(5),
                    OutcomeClass.RETRYABLE, null, null));
        }

        assertThat(registry.find(HTTP_CLIENT_REQUEST_DURATION).timers()).hasSize(EndpointMeters.MAX_ERROR_TYPES + 1);
        Timer other = registry.get(HTTP_CLIENT_REQUEST_DURATION).tag(ERROR_TYPE, EndpointMeters.OTHER_ERROR)
                .timer();
        assertThat(other.count()).isEqualTo(40 - EndpointMeters.MAX_ERROR_TYPES);
        assertThat(other.getId().getTag(STATUS_CODE)).isEqualTo("none");
    }
}
