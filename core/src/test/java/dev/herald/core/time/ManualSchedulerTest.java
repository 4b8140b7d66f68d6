package dev.herald.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {

    @Test
    void runsDueTasksInTimeOrderEachAtItsOwnTime() {
        ManualScheduler s = new ManualScheduler(Instant.EPOCH);
        List<String> ran = new ArrayList<>();
        s.schedule(Duration.ofSeconds(2), () -> ran.add("b@" + s.now().getEpochSecond()));
        s.schedule(Duration.ofSeconds(1), () -> {
            ran.add("a@" + s.now().getEpochSecond());
            s.schedule(Duration.ofSeconds(5), () -> ran.add("c@" + s.now().getEpochSecond()));
        });
        Cancellable never = s.schedule(Duration.ofSeconds(3), () -> ran.add("cancelled"));
        assertThat(never.cancel()).isTrue();

        s.advance(Duration.ofSeconds(4));
        assertThat(ran).containsExactly("a@1", "b@2");
        assertThat(s.now()).isEqualTo(Instant.EPOCH.plusSeconds(4));
        s.advance(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("a@1", "b@2", "c@6");
    }
}
