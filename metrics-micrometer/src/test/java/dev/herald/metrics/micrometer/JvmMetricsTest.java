package dev.herald.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM's meters are there when asked for, into the registry the application binds, and only then. */
class JvmMetricsTest {
    private static final List<String> JVM_METERS = List.of("jvm.memory.used", "jvm.threads.live",
            "jvm.classes.loaded", "system.cpu.count", "process.uptime", "jvm.gc.memory.allocated");

    @Test
    void withJvmMetricsTheBindersRecordIntoTheApplicationsRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Module application = b -> b.bind(MeterRegistry.class).toInstance(registry);
        try (Herald herald = Herald.start(HeraldConfig.builder().build(),
                new MicrometerMetricsModule().withJvmMetrics(), application)) {
            Readings read = new Readings(registry);
            assertThat(JVM_METERS).allSatisfy(name -> assertThat(read.has(name)).as(name).isTrue());
            assertThat(read.gauge("jvm.threads.live")).isPositive();
        }
    }

    @Test
    void byDefaultNoJvmMeterIsRegistered() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Herald herald = Herald.start(HeraldConfig.builder().build(), new MicrometerMetricsModule(registry))) {
            Readings read = new Readings(registry);
            assertThat(JVM_METERS).allSatisfy(name -> assertThat(read.has(name)).as(name).isFalse());
            assertThat(read.has(MeterNames.BACKLOG_DELIVERIES)).isTrue();
        }
    }
}
