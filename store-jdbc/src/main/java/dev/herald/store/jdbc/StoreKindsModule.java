package dev.herald.store.jdbc;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Scopes;
import com.google.inject.multibindings.MapBinder;

/**
 * The registry of store kinds by name, with {@code memory} in it by default, and {@link StoreKinds} over it. Each
 * module that adds a kind calls {@link #storeKinds(Binder)} on its own binder, as {@link JdbcStoreModule} does for
 * {@code sqlite} and {@code postgres}. Installed twice, it binds once.
 */
public final class StoreKindsModule extends AbstractModule {
    /** The registry of store kinds by name; each module that adds a kind calls this on its own binder. */
    public static MapBinder<String, StoreKind> storeKinds(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, StoreKind.class);
    }

    @Override
    protected void configure() {
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
