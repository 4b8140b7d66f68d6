package dev.herald.store.jdbc;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import dev.herald.core.store.DeliveryAdmin;
import dev.herald.core.store.DeliveryOutbox;
import dev.herald.core.store.DeliveryStore;
import dev.herald.store.jdbc.internal.BuiltInStoreKinds;
import java.util.Objects;

/**
 * Registers the durable store kinds, {@value StoreSettings#SQLITE} and {@value StoreSettings#POSTGRES}, by name
 * beside {@value StoreSettings#MEMORY} ({@link StoreKindsModule}, which it installs). Given settings, it also binds
 * the core's {@link DeliveryStore} port to the store they name, opened through the registered kinds (its schema
 * created or migrated) the first time it is asked for, with {@link DeliveryOutbox} and {@link DeliveryAdmin} bound to
 * the same store; the settings are bound too. Whoever owns the injector closes the store on shutdown.
 */
public final class JdbcStoreModule extends AbstractModule {
    private final StoreSettings settings;

    /** Registers the kinds only: whoever opens a store asks {@link StoreKinds} for it. */
    public JdbcStoreModule() {
        this.settings = null;
    }

    /**
     * Registers the kinds and binds the store the settings name.
     *
     * @throws IllegalArgumentException for {@value StoreSettings#MEMORY} settings, which name no store to bind
     */
    public JdbcStoreModule(StoreSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.is(StoreSettings.MEMORY)) {
            throw new IllegalArgumentException("JdbcStoreModule binds a durable store: leave the settings out for"
                    + " memory");
        }
    }

    @Override
    protected void configure() {
        install(new StoreKindsModule());
        MapBinder<String, StoreKind> kinds = StoreKindsModule.storeKinds(binder());
        kinds.addBinding(StoreSettings.SQLITE).toInstance(BuiltInStoreKinds.sqlite());
        kinds.addBinding(StoreSettings.POSTGRES).toInstance(BuiltInStoreKinds.postgres());
        if (settings != null) {
            install(new BoundStoreModule(settings));
        }
    }

    /** The store the settings name, bound as the port and both its sides. */
    private static final class BoundStoreModule extends AbstractModule {
        private final StoreSettings settings;

        BoundStoreModule(StoreSettings settings) {
            this.settings = settings;
        }

        @Override
        protected void configure() {
            bind(StoreSettings.class).toInstance(settings);
            // One store, seen as the dispatcher's outbox or the operators' admin by whoever needs only that side.
            bind(DeliveryOutbox.class).to(DeliveryStore.class);
            bind(DeliveryAdmin.class).to(DeliveryStore.class);
        }

        @Provides
        @Singleton
        DeliveryStore deliveryStore(StoreKinds kinds) {
            return kinds.open(settings).orElseThrow(() -> new IllegalArgumentException(
                    "store type " + settings.kind() + " opens no store to bind"));
        }
    }
}
