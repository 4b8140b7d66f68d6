package dev.herald.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.EventType;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.LogCapture;
import dev.herald.store.jdbc.EmbeddedPostgresServer;
import dev.herald.store.jdbc.SqliteStoreConfig;
import dev.herald.store.jdbc.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up warning that an endpoint's timeout outlasts a third of the lease: it named {@code lease_duration
 * (PT30S)}, a key no config has, and appeared for a single-node SQLite store, where no other node can take the
 * endpoint over. It now names {@code store.lease} in seconds, and only for a shared (PostgreSQL) store.
 */
@Tag("slow") // starts an embedded PostgreSQL
class LeaseWarningTest {
    @RegisterExtension
    static final EmbeddedPostgresServer POSTGRES = new EmbeddedPostgresServer();

    @TempDir
    Path directory;

    @Test
    void aSharedStoreWarnsWithTheKeyAsWrittenInSeconds() {
        List<String> warnings = warningsOfStarting(StoreSettings.postgres(POSTGRES.freshSchema()));

        assertThat(warnings).singleElement().asString()
                .contains("endpoint 'slow': timeout (15 s) is longer than a third of store.lease (30 s)",
                        "make store.lease at least 45 s")
                .doesNotContain("lease_duration", "PT");
    }

    @Test
    void aSingleNodeSqliteStoreDoesNotWarn() {
        assertThat(warningsOfStarting(StoreSettings.sqlite(SqliteStoreConfig.in(directory)))).isEmpty();
    }

    private static List<String> warningsOfStarting(StoreSettings store) {
        HeraldConfig config = HeraldConfig.builder()
                .endpoints(List.of(
                        Endpoint.builder("http://127.0.0.1:9/slow").name("slow")
                                .filter(EventFilter.of(EventType.TOOL_SUCCESS)).timeout(Duration.ofSeconds(15))
                                .build(),
                        Endpoint.builder("http://127.0.0.1:9/quick").name("quick")
                                .filter(EventFilter.of(EventType.TOOL_SUCCESS)).timeout(Duration.ofSeconds(10))
                                .build()))
                .store(store).build();
        try (LogCapture log = LogCapture.start(Level.INFO)) {
            Herald.start(config).close(Duration.ZERO);
            return log.events().stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(e -> e.getFormattedMessage()).toList();
        }
    }
}
