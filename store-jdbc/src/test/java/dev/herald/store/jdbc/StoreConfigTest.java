package dev.herald.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

    @Test
    void theEmbeddedStoreLivesInDotHeraldWithFullDurabilityByDefault() {
        SqliteStoreConfig config = SqliteStoreConfig.defaults();

        assertThat(config.file()).isEqualTo(Path.of(".herald", "herald.db"));
        assertThat(config.durability()).isEqualTo(SqliteStoreConfig.Durability.FULL);
        assertThat(config.groupCommit()).isEqualTo(new GroupCommit(1000, Duration.ZERO));
    }

    @Test
    void badGroupCommitValuesAreRefusedByName() {
        assertThatThrownBy(() -> new GroupCommit(0, Duration.ZERO))
                .hasMessage("max_batch_rows: must be at least 1, got 0");
        assertThatThrownBy(() -> new GroupCommit(10, Duration.ofSeconds(2)))
                .hasMessage("max_batch_delay: must be between 0 and 1 s, got PT2S");
        assertThatThrownBy(() -> new GroupCommit(10, Duration.ofMillis(-1)))
                .hasMessage("max_batch_delay: must be between 0 and 1 s, got PT-0.001S");
    }

    @Test
    void badPostgresSettingsAreRefusedByNameWithoutThePassword() {
        assertThatThrownBy(() -> PostgresStoreConfig.of("jdbc:mysql://db/herald?password=hunter2", "u", "p"))
                .hasMessage("url: must start with jdbc:postgresql:, got \"jdbc:mysql://db/herald?...\"");
        assertThatThrownBy(() -> PostgresStoreConfig.of("jdbc:postgresql://db/herald", "u", "p").withSchema("Herald;"))
                .hasMessage("schema: must match [a-z_][a-z0-9_]* (at most 63 characters), got \"Herald;\"");
        assertThatThrownBy(() -> PostgresStoreConfig.of("jdbc:postgresql://db/herald", "u", "p").withPoolSize(1))
                .hasMessage("pool_size: must be at least 2 (the writer and one reader), got 1");
    }

    @Test
    void aPostgresConfigNeverShowsItsPassword() {
        PostgresStoreConfig config = PostgresStoreConfig.of("jdbc:postgresql://db:5432/herald?password=hunter2",
                "herald", "s3cret");

        assertThat(config.toString()).contains("jdbc:postgresql://db:5432/herald?...", "herald", "password=***")
                .doesNotContain("hunter2", "s3cret");
    }
}
