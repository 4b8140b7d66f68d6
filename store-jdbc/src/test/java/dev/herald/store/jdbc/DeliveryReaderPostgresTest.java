package dev.herald.store.jdbc;

import static dev.herald.store.testkit.StoreFixtures.T0;
import static dev.herald.store.testkit.StoreFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read-only reader that {@code herald deliveries list} uses, on a real PostgreSQL server: a schema with no
 * Herald store is reported as such and not created (no migration runs), and a Herald store is listed.
 */
@Tag("slow")
class DeliveryReaderPostgresTest {
    @RegisterExtension
    static final EmbeddedPostgresServer POSTGRES = new EmbeddedPostgresServer();

    private static boolean schemaExists(PostgresStoreConfig config) throws Exception {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, config.schema());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    @Test
    void aSchemaWithoutHeraldsTablesIsSaidSoAndNotCreated() throws Exception {
        PostgresStoreConfig config = POSTGRES.freshSchema();

        assertThatThrownBy(() -> DeliveryReader.open(StoreSettings.postgres(config)))
                .isInstanceOf(DeliveryStoreException.class)
                .hasMessage("schema " + config.schema() + " at " + config.safeUrl()
                        + " has none of Herald's tables (deliveries, attempts): not a Herald store");

        assertThat(schemaExists(config)).isFalse();
    }

    @Test
    void aHeraldStoreIsListedThroughAReadOnlySession() throws Exception {
        PostgresStoreConfig config = POSTGRES.freshSchema();
        try (PostgresDeliveryStore store = PostgresDeliveryStore.open(config)) {
            store.append(List.of(pending("d-1", "ops", T0)), null, null).toCompletableFuture().join();
        }

        try (DeliveryReader reader = DeliveryReader.open(StoreSettings.postgres(config))) {
            List<DeliveryRecord> listed = reader.list(new DeliveryQuery(null, null, 10));
            assertThat(listed).extracting(r -> r.delivery().deliveryId()).containsExactly("d-1");
        }
    }
}
