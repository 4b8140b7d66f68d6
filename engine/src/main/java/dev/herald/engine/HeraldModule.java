package dev.herald.engine;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DispatchObserver;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.signing.SignerFactory;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.template.TemplateRenderer;
import dev.herald.core.time.Scheduler;
import dev.herald.core.time.SystemScheduler;
import dev.herald.core.transport.Transport;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The composition root's own module: builds the core's {@link Dispatcher} from whatever binds the ports
 * ({@link Transport}, {@link SignerFactory}, {@link TemplateRenderer}). Listeners join through a
 * {@link Multibinder} of {@link DeliveryListener}, observers (metrics, traces) through one of
 * {@link DispatchObserver}; the {@link Scheduler} defaults to the system clock and may be
 * replaced through its {@link OptionalBinder}. The dispatcher is built without starting: whoever assembles the
 * injector calls {@link Dispatcher#start()} once every part is built, so that nothing runs during injection.
 */
public final class HeraldModule extends AbstractModule {
    private final HeraldConfig config;
    private final Supplier<DeliveryStore> store;

    /**
     * A module whose dispatcher keeps its deliveries in {@code store}, opened by the caller from the config's
     * {@link HeraldConfig#store()} settings; null for none.
     */
    public HeraldModule(HeraldConfig config, DeliveryStore store) {
        this(config, () -> store);
    }

    /**
     * As {@link #HeraldModule(HeraldConfig, DeliveryStore)}, the store asked for when the dispatcher is built:
     * {@link Herald#start} opens it once the injector knows the registered store kinds.
     */
    HeraldModule(HeraldConfig config, Supplier<DeliveryStore> store) {
        this.config = config;
        this.store = store;
    }

    @Override
    protected void configure() {
        bind(HeraldConfig.class).toInstance(config);
        Multibinder.newSetBinder(binder(), DeliveryListener.class);
        Multibinder.newSetBinder(binder(), DispatchObserver.class);
        OptionalBinder.newOptionalBinder(binder(), Scheduler.class).setDefault().toProvider(SystemScheduler::new)
                .in(Singleton.class);
    }

    @Provides
    @Singleton
    Dispatcher dispatcher(Transport transport, SignerFactory signers, TemplateRenderer renderer,
            Scheduler scheduler, Set<DeliveryListener> listeners, Set<DispatchObserver> observers) {
        // An endpoint that names a template nobody registered fails here, at start-up, not at its first event.
        renderer.validate(config.endpoints());
        Dispatcher.Builder b = Dispatcher.builder().endpoints(config.endpoints()).transport(transport)
                .signerFactory(signers).templateRenderer(renderer).scheduler(scheduler)
                .settings(config.dispatcherSettings());
        DeliveryStore store = this.store.get();
        if (store != null) {
            b.store(store);
        }
        listeners.forEach(b::listener);
        observers.forEach(b::observer);
        // Built, not started: Herald starts it once every part is built, so nothing runs during injection.
        return b.buildUnstarted();
    }
}
