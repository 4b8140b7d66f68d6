package dev.herald.store.jdbc.internal;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import javax.sql.DataSource;

/**
 * Brings a database's schema to this Herald's version with Flyway, from the scripts under
 * {@code db/migration/<database>}. Its history table is Herald's own, so that it never mixes with another
 * application's migrations.
 */
final class Migrations {
    static final String HISTORY_TABLE = "herald_schema_history";

    private Migrations() {}

    /** Migrates the database behind {@code dataSource}; {@code schema} null keeps the database's default. */
    static void migrate(DataSource dataSource, String database, String schema) {
        FluentConfiguration config = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + database)
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true);
        if (schema != null) {
            config = config.schemas(schema).defaultSchema(schema).createSchemas(true);
        }
        try {
            config.load().migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("the delivery store's schema could not be migrated: " + e.getMessage(), e);
        }
    }
}
