package dev.herald.gateway.cli;

import dev.herald.core.store.DeliveryAdmin;
import dev.herald.core.store.DeliveryStore;
import dev.herald.gateway.config.LoadedPluginConfig;
import dev.herald.store.jdbc.DeliveryReader;
import dev.herald.store.jdbc.DeliveryStoreException;
import dev.herald.store.jdbc.StoreSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.function.ToIntFunction;

/**
 * Opens the store a config names (or the embedded default, as {@code serve} does) without starting a dispatcher,
 * runs one operation on it and closes it, turning every failure into a message and an exit code: 2 for a config
 * that names no store to read, 1 for a store that is missing, is not a Herald store, or fails.
 *
 * <p>Neither way creates a store: a missing file, an empty one or another application's database is reported
 * and left exactly as it was.
 */
final class StoreAccess {
    static final int OK = 0;
    static final int STORE_ERROR = 1;
    static final int USAGE = 2;

    private StoreAccess() {}

    /**
     * Runs {@code op} on the store opened read-only: no migration, no write, whatever the file holds; the admin
     * handle it gets lists and counts, and refuses to replay or purge.
     */
    static int read(LoadedPluginConfig loaded, String command, PrintStream err, ToIntFunction<DeliveryAdmin> op) {
        StoreSettings settings = settings(loaded);
        Integer refused = refuseMissing(settings, command, err);
        if (refused != null) {
            return refused;
        }
        try (DeliveryReader reader = DeliveryReader.open(settings)) {
            return op.applyAsInt(reader);
        } catch (DeliveryStoreException e) {
            err.println(command + ": " + e.getMessage());
            return STORE_ERROR;
        }
    }

    /** Runs {@code op} on the store opened for writing, once a read-only look found a Herald store there. */
    static int write(LoadedPluginConfig loaded, String command, PrintStream err, ToIntFunction<DeliveryAdmin> op) {
        int looked = read(loaded, command, err, reader -> OK);
        if (looked != OK) {
            return looked;
        }
        StoreSettings settings = settings(loaded);
        try (DeliveryStore store = settings.open().orElseThrow()) {
            return op.applyAsInt(store);
        } catch (DeliveryStoreException e) {
            err.println(command + ": the delivery store (" + settings.describe() + ") failed: " + e.getMessage());
            return STORE_ERROR;
        }
    }

    private static StoreSettings settings(LoadedPluginConfig loaded) {
        return loaded.withDefaultStore(StoreOptions.EMBEDDED_DEFAULT).herald().store();
    }

    private static Integer refuseMissing(StoreSettings settings, String command, PrintStream err) {
        if (settings.is(StoreSettings.MEMORY)) {
            err.println(command + ": the config keeps deliveries in memory (store: {type: memory}); there is no"
                    + " store to read");
            return USAGE;
        }
        if (settings.is(StoreSettings.SQLITE) && !Files.exists(settings.sqlite().file())) {
            // Opening would create an empty database: more likely a wrong working directory or path than news.
            err.println(command + ": no store at " + settings.sqlite().file() + " (run from the directory serve"
                    + " runs in, or set store.path)");
            return STORE_ERROR;
        }
        return null;
    }
}
