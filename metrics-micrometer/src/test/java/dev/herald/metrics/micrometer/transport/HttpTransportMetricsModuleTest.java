package dev.herald.metrics.micrometer.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.herald.transport.http.HttpTransport;
import dev.herald.transport.http.HttpTransportConfig;
import dev.herald.transport.http.HttpTransportModule;
import dev.herald.transport.http.HttpTransportObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The module's meters are built with the transport, once, and need nothing else. */
class HttpTransportMetricsModuleTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final Module registryModule = b -> b.bind(MeterRegistry.class).toInstance(registry);

    @Test
    void theMetersAreBuiltWithTheTransportAndInstallingTheModuleTwiceIsHarmless() {
        HttpTransportConfig config = HttpTransportConfig.builder().endpointNames("a", "b").build();
        Injector injector = Guice.createInjector(new HttpTransportModule(config), new HttpTransportMetricsModule(),
                new HttpTransportMetricsModule(), registryModule);
        assertThat(registry.getMeters()).as("nothing built before the transport").isEmpty();

        try (HttpTransport transport = injector.getInstance(HttpTransport.class)) {
            assertThat(registry.find(HttpTransportMeters.CIRCUIT_STATE).tag("endpoint", "b").tag("state", "closed")
                    .gauge().value()).isEqualTo(1);
            assertThat(registry.find(HttpTransportMeters.RATE_LIMIT_WAIT).timers()).hasSize(2);
            assertThat(injector.getInstance(HttpTransportObserver.class))
                    .isSameAs(injector.getInstance(HttpTransportMeters.class));
        }
    }

    @Test
    void withoutTheHttpTransportItBindsNothingAnyoneUses() {
        Injector injector = Guice.createInjector(new HttpTransportMetricsModule(), registryModule);
        assertThat(injector.getInstance(HttpTransportMeters.class)).isNotNull();
        assertThat(registry.getMeters()).isEmpty();
    }
}
