package dev.herald.store.jdbc;

import static dev.herald.store.testkit.StoreFixtures.T0;
import static dev.herald.store.testkit.StoreFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL server, each test in a schema of its own; and what is particular to it. */
@Tag("slow")
class PostgresDeliveryStoreTest extends JdbcDeliveryStoreContract {
    @RegisterExtension
    static final EmbeddedPostgresServer POSTGRES = new EmbeddedPostgresServer();

    private PostgresStoreConfig config;

    @BeforeEach
    void takeASchema() {
        config = POSTGRES.freshSchema();
    }

    @Override
    protected JdbcDeliveryStore open(Clock clock) {
        return PostgresDeliveryStore.open(config.withClock(clock));
    }

    @Test
    void keepsItsTablesAndMigrationHistoryInItsOwnSchema() throws Exception {
        done(store().append(List.of(pending("d-1", "ops", T0)), null, null));

        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = '" + config.schema() + "' ORDER BY table_name")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables).containsExactly("attempts", "deliveries", "endpoint_leases", "herald_schema_history");
        }
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_catalog.pg_tables"
                        + " WHERE schemaname = 'public' AND tablename = 'deliveries'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsNamedWithoutItsPassword() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PostgresStoreConfig unreachable = PostgresStoreConfig.of(
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/herald?password=hunter2", "herald", "s3cret");

        assertThatThrownBy(() -> PostgresDeliveryStore.open(unreachable))
                .isInstanceOf(DeliveryStoreException.class)
                .hasMessageContaining("could not open jdbc:postgresql://127.0.0.1:" + closedPort + "/herald?...")
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("s3cret");
    }
}
