package dev.herald.gateway.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a SQLite file in this test's own directory. */
class SqliteDeliveryStoreTest extends DeliveryStoreContract {
    @TempDir
    Path directory;

    @Override
    JdbcDeliveryStore open(TestClock clock) {
        return SqliteDeliveryStore.open(SqliteStoreConfig.in(directory.resolve("store")).withClock(clock));
    }
}
