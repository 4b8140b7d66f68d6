package dev.herald.metrics.micrometer.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The JVM's and the process's own meters, Micrometer's binders ({@code jvm.*}, {@code process.*},
 * {@code system.*}), for when Herald is the application. Closing stops listening to garbage collections.
 */
public final class JvmMeters implements AutoCloseable {
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();

    /**
     * Binds the JVM's memory, heap pressure, garbage collection, threads, classes, JIT compilation and version, the
     * processor, uptime and open files.
     */
    @Inject
    public JvmMeters(MeterRegistry registry) {
        List<MeterBinder> binders = List.of(new JvmMemoryMetrics(), gc, heapPressure, new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new JvmCompilationMetrics(), new JvmInfoMetrics(), new ProcessorMetrics(),
                new UptimeMetrics(), new FileDescriptorMetrics());
        binders.forEach(b -> b.bindTo(registry));
    }

    @Override
    public void close() {
        // Both listen to the JVM's garbage-collection notifications until closed.
        gc.close();
        heapPressure.close();
    }
}
