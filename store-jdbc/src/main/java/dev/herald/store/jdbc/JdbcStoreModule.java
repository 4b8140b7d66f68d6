package dev.herald.store.jdbc;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.herald.core.store.DeliveryAdmin;
import dev.herald.core.store.DeliveryOutbox;
import dev.herald.core.store.DeliveryStore;
import java.util.Objects;

/**
 * Binds the core's {@link DeliveryStore} port to the durable store that {@link StoreSettings} names, SQLite or
 * PostgreSQL, opened (its schema created or migrated) the first time it is asked for; {@link DeliveryOutbox} and
 * {@link DeliveryAdmin} are bound to the same store. The settings are bound too.
 * {@link StoreSettings.Kind#MEMORY} has no store to bind and is refused: leave this module out instead. Whoever owns
 * the injector closes the store on shutdown.
 */
public final class JdbcStoreModule extends AbstractModule {
    private final StoreSettings settings;

    /** @throws IllegalArgumentException for {@link StoreSettings.Kind#MEMORY} settings */
    public JdbcStoreModule(StoreSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.kind() == StoreSettings.Kind.MEMORY) {
            throw new IllegalArgumentException("JdbcStoreModule binds a durable store: leave it out for memory");
        }
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
    DeliveryStore deliveryStore(StoreSettings settings) {
        return settings.open().orElseThrow();
    }
}
