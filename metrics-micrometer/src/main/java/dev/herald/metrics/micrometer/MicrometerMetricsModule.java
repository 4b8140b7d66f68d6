package dev.herald.metrics.micrometer;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import com.google.inject.matcher.AbstractMatcher;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.spi.ProvisionListener;
import dev.herald.core.dispatch.DispatchObserver;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.store.StoreObserver;
import dev.herald.metrics.micrometer.internal.DispatchMeters;
import dev.herald.metrics.micrometer.internal.JvmMeters;
import dev.herald.metrics.micrometer.internal.StoreMeters;
import dev.herald.metrics.micrometer.transport.HttpTransportMetricsModule;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Herald's metrics into a Micrometer {@link MeterRegistry}: the one given here, or the one the application
 * binds. Pass it to {@code Herald.start(config, new MicrometerMetricsModule(registry))}, or install it beside
 * Herald's modules. It binds
 * <ul>
 *   <li>a {@link DispatchObserver} (through the {@code Multibinder} of observers) that counts and times events,
 *       attempts, deliveries and retries as they happen, and the store's leases, and registers the backlog gauges
 *       and each endpoint's meters once the injector has built the {@link Dispatcher};</li>
 *   <li>a {@link StoreObserver} (through the {@code Multibinder} of store observers, which the store kinds read)
 *       that times each write and transaction of the store the config names, and gauges what is pending in it;</li>
 *   <li>the HTTP transport's meters ({@link dev.herald.metrics.micrometer.transport.HttpTransportMetricsModule}):
 *       each endpoint's circuit state, rate-limit waits and connection pool, when the transport is Herald's
 *       {@code HttpTransport};</li>
 *   <li>with {@link #withJvmMetrics()}, Micrometer's binders of the JVM and the process.</li>
 * </ul>
 * {@link MeterNames} lists every name and tag. Herald closes what this module built when it closes: the gauges,
 * which read the dispatcher and the store, leave the registry then; the counters and timers stay in it. The
 * registry itself belongs to whoever created it.
 *
 * <p>One running Herald per registry: a gauge is registered once by name and tags, so a second Herald's backlog
 * would not show while the first's gauges are registered.
 */
public final class MicrometerMetricsModule extends AbstractModule {
    private static final Logger LOG = LoggerFactory.getLogger(MicrometerMetricsModule.class);
    private static final Key<Dispatcher> DISPATCHER = Key.get(Dispatcher.class);
    private final MeterRegistry registry;
    private final boolean jvmMetrics;

    /** Records into the {@link MeterRegistry} the application binds in its own module. */
    public MicrometerMetricsModule() {
        this(null, false);
    }

    /** Records into {@code registry}, which this module binds; its owner closes it. */
    public MicrometerMetricsModule(MeterRegistry registry) {
        this(Objects.requireNonNull(registry, "registry"), false);
    }

    private MicrometerMetricsModule(MeterRegistry registry, boolean jvmMetrics) {
        this.registry = registry;
        this.jvmMetrics = jvmMetrics;
    }

    /**
     * This module, also binding the JVM's and the process's meters (memory, garbage collection, threads, classes,
     * processor, uptime): for when Herald is the application, as {@code herald serve} is. Off by default, since an
     * application that embeds Herald usually binds them itself.
     */
    public MicrometerMetricsModule withJvmMetrics() {
        return new MicrometerMetricsModule(registry, true);
    }

    @Override
    protected void configure() {
        if (registry != null) {
            bind(MeterRegistry.class).toInstance(registry);
        }
        bind(DispatchMeters.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), DispatchObserver.class).addBinding().to(DispatchMeters.class);
        bind(StoreMeters.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), StoreObserver.class).addBinding().to(StoreMeters.class);
        // The dispatcher is built from the observers, so the observer cannot be given it: it is handed over once
        // built, with its endpoints, before anything is dispatched.
        Provider<DispatchMeters> meters = getProvider(DispatchMeters.class);
        bindListener(new AbstractMatcher<Binding<?>>() {
            @Override
            public boolean matches(Binding<?> binding) {
                return binding.getKey().equals(DISPATCHER);
            }
        }, new ProvisionListener() {
            @Override
            public <T> void onProvision(ProvisionInvocation<T> provision) {
                Dispatcher dispatcher = (Dispatcher) provision.provision();
                try {
                    meters.get().watch(dispatcher);
                } catch (RuntimeException e) {
                    // A registry that refuses a meter costs the metrics, never the deliveries.
                    LOG.warn("herald: could not register the backlog and endpoint meters", e);
                }
            }
        });
        install(new HttpTransportMetricsModule());
        if (jvmMetrics) {
            bind(JvmMeters.class).asEagerSingleton();
        }
    }
}
