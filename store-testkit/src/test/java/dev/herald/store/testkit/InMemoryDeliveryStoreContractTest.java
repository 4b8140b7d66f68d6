package dev.herald.store.testkit;

import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.InMemoryDeliveryStore;
import java.time.Clock;

/**
 * The store contract on the in-memory store, the reference the others are held to: every node of a test shares
 * one store, as dispatchers of one process do, and nothing survives its close.
 */
class InMemoryDeliveryStoreContractTest extends DeliveryStoreContract {
    private InMemoryDeliveryStore store;

    @Override
    protected DeliveryStore open(Clock clock) {
        if (store == null) {
            store = new InMemoryDeliveryStore(clock::instant);
        }
        return store;
    }

    @Override
    protected boolean survivesRestart() {
        return false;
    }
}
