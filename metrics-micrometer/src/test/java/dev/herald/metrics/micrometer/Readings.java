package dev.herald.metrics.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** What a registry holds, read as a user would: by name and tags, summed over the tags not named. */
final class Readings {
    private final MeterRegistry registry;

    Readings(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The sum of the counters of that name with these tags (key, value, ...); 0 when there is none. */
    double counter(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** How many times the timers of that name with these tags recorded, summed. */
    long timed(String name, String... tags) {
        return registry.find(name).tags(tags).timers().stream().mapToLong(Timer::count).sum();
    }

    /** The gauge's value; NaN when no such gauge is registered. */
    double gauge(String name, String... tags) {
        Gauge g = registry.find(name).tags(tags).gauge();
        return g == null ? Double.NaN : g.value();
    }

    /** The time gauge's value in seconds; NaN when no such gauge is registered. */
    double seconds(String name) {
        TimeGauge g = registry.find(name).timeGauge();
        return g == null ? Double.NaN : g.value(TimeUnit.SECONDS);
    }

    /** Whether any meter of that name is registered. */
    boolean has(String name) {
        return registry.find(name).meter() != null;
    }
}
