package dev.herald.gateway.telemetry.internal;

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
import java.util.List;

/**
 * The JVM's and the process's own meters ({@code jvm.*}, {@code process.*}, {@code system.*}): memory, garbage
 * collection, threads, classes, compilation, CPU, uptime, open files. Two of them listen to the JVM until closed.
 */
public final class JvmMeters implements AutoCloseable {
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();

    /** Binds them all to the registry. */
    public JvmMeters(MeterRegistry registry) {
        List<MeterBinder> binders = List.of(new JvmMemoryMetrics(), gc, heapPressure, new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new JvmCompilationMetrics(), new JvmInfoMetrics(), new ProcessorMetrics(),
                new UptimeMetrics(), new FileDescriptorMetrics());
        binders.forEach(b -> b.bindTo(registry));
    }

    /** Stops listening to the garbage collector. */
    @Override
    public void close() {
        gc.close();
        heapPressure.close();
    }
}
