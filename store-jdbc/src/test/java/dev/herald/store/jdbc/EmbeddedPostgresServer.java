package dev.herald.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for one test class, started once from the binaries Maven brings, on a loopback port.
 * Each test takes a schema of its own, so that tests share the server but never a table. Published in the
 * test-jar for the tests of other modules that run Herald on PostgreSQL.
 */
public final class EmbeddedPostgresServer implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.close();
    }

    /** The store config of a schema no test used yet. */
    public PostgresStoreConfig freshSchema() {
        return config().withSchema("test_" + SCHEMAS.incrementAndGet());
    }

    /** The server's database as the postgres user, Herald's default schema. */
    public PostgresStoreConfig config() {
        if (server == null) {
            throw new IllegalStateException("the embedded server has not started");
        }
        return PostgresStoreConfig.of(server.getJdbcUrl("postgres", "postgres"), "postgres", null).withPoolSize(3);
    }
}
