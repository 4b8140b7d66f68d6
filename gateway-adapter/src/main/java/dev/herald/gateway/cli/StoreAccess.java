package dev.herald.gateway.cli;

import dev.herald.core.store.DeliveryStore;
import dev.herald.gateway.config.LoadedPluginConfig;
import dev.herald.gateway.store.DeliveryStoreException;
import dev.herald.gateway.store.StoreSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.function.ToIntFunction;

/**
 * Opens the store a config names (or the embedded default, as {@code serve} does) without starting a dispatcher,
 * runs one operation on it and closes it, turning every failure into a message and an exit code: 2 for a config
 * that names no store to read, 1 for a store that cannot be opened or fails.
 */
final class StoreAccess {
    static final int OK = 0;
    static final int STORE_ERROR = 1;
    static final int USAGE = 2;

    private StoreAccess() {}

    static int with(LoadedPluginConfig loaded, String command, PrintStream err, ToIntFunction<DeliveryStore> op) {
        StoreSettings settings = loaded.withDefaultStore(StoreOptions.EMBEDDED_DEFAULT).herald().store();
        if (settings.kind() == StoreSettings.Kind.MEMORY) {
            err.println(command + ": the config keeps deliveries in memory (store: {type: memory}); there is no"
                    + " store to read");
            return USAGE;
        }
        if (settings.kind() == StoreSettings.Kind.SQLITE && !Files.exists(settings.sqlite().file())) {
            // Opening would create an empty database: more likely a wrong working directory or path than news.
            err.println(command + ": no store at " + settings.sqlite().file() + " (run from the directory serve"
                    + " runs in, or set store.path)");
            return STORE_ERROR;
        }
        try (DeliveryStore store = settings.open().orElseThrow()) {
            return op.applyAsInt(store);
        } catch (DeliveryStoreException e) {
            err.println(command + ": the delivery store (" + settings.describe() + ") failed: " + e.getMessage());
            return STORE_ERROR;
        }
    }
}
