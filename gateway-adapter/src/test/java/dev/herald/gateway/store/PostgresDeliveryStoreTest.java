package dev.herald.gateway.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL server, each test in a schema of its own. */
class PostgresDeliveryStoreTest extends DeliveryStoreContract {
    @RegisterExtension
    static final EmbeddedPostgresServer POSTGRES = new EmbeddedPostgresServer();

    private PostgresStoreConfig config;

    @BeforeEach
    void takeASchema() {
        config = POSTGRES.freshSchema();
    }

    @Override
    JdbcDeliveryStore open(TestClock clock) {
        return PostgresDeliveryStore.open(config.withClock(clock));
    }
}
