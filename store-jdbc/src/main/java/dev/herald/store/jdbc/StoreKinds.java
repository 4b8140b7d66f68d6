package dev.herald.store.jdbc;

import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.StoreObservation;
import dev.herald.core.store.StoreObserver;
import dev.herald.store.jdbc.internal.BuiltInStoreKinds;
import dev.herald.store.jdbc.internal.ObservationFanout;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The store kinds known by name, as {@link StoreKindsModule} and the modules that add kinds registered them; or
 * Herald's own ({@link #builtIn()}) where there is no injector, as on the command line. Every store it opens is
 * shown to the {@link StoreObserver}s bound beside the kinds (metrics).
 */
public final class StoreKinds {
    private final Map<String, StoreKind> kinds;
    private final List<StoreObserver> observers;

    /** The kinds, opening stores that nobody observes. */
    public StoreKinds(Map<String, StoreKind> kinds) {
        this(kinds, Set.of());
    }

    /** The kinds, each store they open shown to the observers. */
    @Inject
    public StoreKinds(Map<String, StoreKind> kinds, Set<StoreObserver> observers) {
        this.kinds = Map.copyOf(Objects.requireNonNull(kinds, "kinds"));
        this.observers = List.copyOf(Objects.requireNonNull(observers, "observers"));
    }

    /** Herald's kinds: memory, sqlite and postgres. */
    public static StoreKinds builtIn() {
        return new StoreKinds(BuiltInStoreKinds.all());
    }

    /**
     * Opens the store the settings name; empty for a kind that keeps deliveries in memory only. The caller closes
     * it. The observers each observe it, under the kind's name: they hear its writes, and of it once it is open.
     *
     * @throws IllegalArgumentException when no kind of that name is registered, naming it and the known kinds
     */
    public Optional<DeliveryStore> open(StoreSettings settings) {
        StoreKind kind = kind(settings.kind());
        if (observers.isEmpty()) {
            return kind.open(settings);
        }
        StoreObservation observation = ObservationFanout.opening(observers, settings.kind());
        Optional<DeliveryStore> store = kind.open(settings, observation);
        store.ifPresent(observation::opened);
        return store;
    }

    /** Where the settings keep deliveries, as their kind says; never a password. */
    public String describe(StoreSettings settings) {
        return kind(settings.kind()).describe(settings);
    }

    /** Whether a kind of that name is registered. */
    public boolean knows(String name) {
        return kinds.containsKey(name);
    }

    /** The kind of that name. @throws IllegalArgumentException when none is registered, naming the known ones */
    public StoreKind kind(String name) {
        StoreKind kind = kinds.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("store.type: no store kind named '" + name + "'; known kinds: "
                    + String.join(", ", new TreeMap<>(kinds).keySet()));
        }
        return kind;
    }
}
