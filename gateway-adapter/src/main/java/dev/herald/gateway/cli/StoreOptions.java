package dev.herald.gateway.cli;

import dev.herald.store.jdbc.SqliteStoreConfig;
import dev.herald.store.jdbc.StoreSettings;

/** The store the commands that run or read deliveries use when the config names none. */
final class StoreOptions {
    /**
     * SQLite in {@code ./.herald}: a served Herald keeps what it accepted across a restart unless the config opts
     * out with {@code store: {type: memory}}; the library's own default stays memory.
     */
    static final StoreSettings EMBEDDED_DEFAULT = StoreSettings.sqlite(SqliteStoreConfig.defaults());

    private StoreOptions() {}
}
