package dev.herald.store.jdbc;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Scopes;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import dev.herald.core.store.StoreObserver;

/**
 * The registry of store kinds by name, with {@code memory} in it by default, and {@link StoreKinds} over it. Each
 * module that adds a kind calls {@link #storeKinds(Binder)} on its own binder, as {@link JdbcStoreModule} does for
 * {@code sqlite} and {@code postgres}; each that observes the stores opened (metrics) adds a {@link StoreObserver}
 * through {@link #storeObservers(Binder)}, none by default. Installed twice, it binds once.
 */
public final class StoreKindsModule extends AbstractModule {
    /** The registry of store kinds by name; each module that adds a kind calls this on its own binder. */
    public static MapBinder<String, StoreKind> storeKinds(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, StoreKind.class);
    }

    /** The observers of the stores {@link StoreKinds} opens; each module that adds one calls this on its binder. */
    public static Multibinder<StoreObserver> storeObservers(Binder binder) {
        return Multibinder.newSetBinder(binder, StoreObserver.class);
    }

    @Override
    protected void configure() {
        storeObservers(binder());
        storeKinds(binder()).addBinding(StoreSettings.MEMORY).toInstance(
                dev.herald.store.jdbc.internal.BuiltInStoreKinds.memory());
        bind(StoreKinds.class).in(Scopes.SINGLETON);
    }

    /** Every instance is the same module, so that several modules may install it. */
    @Override
    public boolean equals(Object other) {
        return other instanceof StoreKindsModule;
    }

    @Override
    public int hashCode() {
        return StoreKindsModule.class.hashCode();
    }
}
