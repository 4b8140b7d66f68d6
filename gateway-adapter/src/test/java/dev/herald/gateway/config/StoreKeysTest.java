package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.store.jdbc.PostgresStoreConfig;
import dev.herald.store.jdbc.SqliteStoreConfig;
import dev.herald.store.jdbc.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code store:} block: every key reaches {@link StoreSettings}, defaults hold, mistakes are named. */
class StoreKeysTest {
    private static final String PASSWORD = "pg-pa55word-from-env";

    private static String block(String store) {
        return """
                webhooks:
                  - url: "https://hooks.example.com/x"
                store:
                %s""".formatted(store.indent(2));
    }

    private static StoreSettings store(String yaml) throws ConfigException {
        return PluginConfigLoader.loadString(block(yaml), "test.yaml", null, Map.of("PG_PASSWORD", PASSWORD))
                .herald().store();
    }

    @Test
    void withoutAStoreBlockTheLibraryKeepsMemoryAndCommandsMayChooseTheirOwn() throws ConfigException {
        LoadedPluginConfig c = Configs.inline("webhooks: [{url: \"https://hooks.example.com/x\"}]");
        StoreSettings sqlite = StoreSettings.sqlite(SqliteStoreConfig.defaults());

        assertThat(c.herald().store()).isEqualTo(StoreSettings.memory());
        assertThat(c.storeConfigured()).isFalse();
        assertThat(c.withDefaultStore(sqlite).herald().store()).isEqualTo(sqlite);
    }

    @Test
    void anExplicitStoreWinsOverACommandsDefault() throws ConfigException {
        LoadedPluginConfig c = Configs.inline(block("type: memory"));

        assertThat(c.storeConfigured()).isTrue();
        assertThat(c.withDefaultStore(StoreSettings.sqlite(SqliteStoreConfig.defaults())).herald().store().kind())
                .isEqualTo(StoreSettings.MEMORY);
    }

    @Test
    void sqliteDefaults() throws ConfigException {
        StoreSettings s = store("type: sqlite");

        assertThat(s.kind()).isEqualTo(StoreSettings.SQLITE);
        assertThat(s.sqlite().directory()).isEqualTo(Path.of(".herald"));
        assertThat(s.sqlite().durability()).isEqualTo(SqliteStoreConfig.Durability.FULL);
        assertThat(s.node()).isNull();
        assertThat(s.leaseDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.retention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void everySqliteAndCommonKey() throws ConfigException {
        StoreSettings s = store("""
                type: sqlite
                path: /var/lib/herald
                durability: normal
                node: herald-1
                lease: 2
                poll_interval: 0.1
                retention: 2592000
                """);

        assertThat(s.sqlite().file()).isEqualTo(Path.of("/var/lib/herald", "herald.db"));
        assertThat(s.sqlite().durability()).isEqualTo(SqliteStoreConfig.Durability.NORMAL);
        assertThat(s.node()).isEqualTo("herald-1");
        assertThat(s.leaseDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.retention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void everyPostgresKeyWithThePasswordFromTheEnvironment() throws ConfigException {
        StoreSettings s = store("""
                type: postgres
                url: "jdbc:postgresql://db.internal:5432/herald"
                user: herald
                password: "{{ env.PG_PASSWORD }}"
                schema: outbox
                pool_size: 4
                """);

        PostgresStoreConfig pg = s.postgres();
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/herald");
        assertThat(pg.user()).isEqualTo("herald");
        assertThat(pg.password()).isEqualTo(PASSWORD);
        assertThat(pg.schema()).isEqualTo("outbox");
        assertThat(pg.poolSize()).isEqualTo(4);
        assertThat(s.describe()).doesNotContain(PASSWORD);
    }

    @Test
    void postgresDefaults() throws ConfigException {
        PostgresStoreConfig pg = store("{type: postgres, url: \"jdbc:postgresql://db/herald\"}").postgres();

        assertThat(pg.user()).isNull();
        assertThat(pg.password()).isNull();
        assertThat(pg.schema()).isEqualTo("herald");
        assertThat(pg.poolSize()).isEqualTo(8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePasswordIsMaskedInTheEntryAndNowhereElse() throws ConfigException {
        LoadedPluginConfig c = PluginConfigLoader.loadString(block("""
                type: postgres
                url: "jdbc:postgresql://db/herald"
                password: "{{ env.PG_PASSWORD }}"
                """), "test.yaml", null, Map.of("PG_PASSWORD", PASSWORD));

        Map<String, Object> store = (Map<String, Object>) ((Map<String, Object>) c.entry().get("config")).get("store");
        assertThat(store).containsEntry("password", LoadedPluginConfig.REDACTED)
                .containsEntry("url", "jdbc:postgresql://db/herald");
        assertThat(c.entry().toString()).doesNotContain(PASSWORD);
        assertThat(c.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void thePasswordIsNeverInAnError() {
        // The password pasted where a string of another kind belongs, and beside other mistakes.
        assertThat(Configs.errors(block("""
                type: postgres
                url: "jdbc:postgresql://db/herald"
                password: "hunter2-hunter2"
                schema: "hunter2-hunter2"
                """))).containsExactly("store.schema: must match [a-z_][a-z0-9_]* (at most 63 characters),"
                        + " got \"********\"");
    }

    @Test
    void mistakesAreNamedByKey() {
        assertThat(Configs.errors(block("path: /tmp"))).containsExactly(
                "store.type: required (one of memory, sqlite, postgres)");
        assertThat(Configs.errors(block("type: sqlit"))).containsExactly(
                "store.type: must be one of memory, sqlite, postgres, got 'sqlit' (did you mean 'sqlite'?)");
        assertThat(Configs.errors(block("{type: sqlite, durability: always}"))).containsExactly(
                "store.durability: must be full or normal, got 'always'");
        assertThat(Configs.errors(block("{type: sqlite, lease: 0, poll_interval: -1, retention: 99999999}")))
                .containsExactly("store.lease: must be more than 0 and at most 86400, got 0",
                        "store.poll_interval: must be more than 0 and at most 86400, got -1",
                        "store.retention: must be more than 0 and at most 31622400, got 99999999");
        assertThat(Configs.errors(block("{type: sqlite, lease: 2, poll_interval: 5}"))).containsExactly(
                "store.poll_interval: must be shorter than lease (2 s), or a node's leases run out between"
                        + " two polls");
        assertThat(Configs.errors(block("{type: sqlite, node: \" \"}"))).containsExactly(
                "store.node: must not be blank");
        assertThat(Configs.errors(block("{type: postgres}"))).containsExactly(
                "store.url: required (jdbc:postgresql://host:5432/database)");
        assertThat(Configs.errors(block("{type: postgres, url: \"jdbc:mysql://db/x?password=p\"}"))).containsExactly(
                "store.url: must start with jdbc:postgresql:, got \"jdbc:mysql://db/x?...\"");
        assertThat(Configs.errors(block("{type: postgres, url: \"jdbc:postgresql://db/x\", pool_size: 1}")))
                .containsExactly("store.pool_size: must be between 2 and 1000, got 1");
        assertThat(Configs.errors("webhooks: [{url: \"https://hooks.example.com/x\"}]\nstore: sqlite"))
                .containsExactly("store: expected a map, got 'sqlite'");
    }

    @Test
    void keysOfAnotherTypeAndUnknownKeysAreRefusedWithSuggestions() {
        assertThat(Configs.errors(block("{type: sqlite, url: \"jdbc:postgresql://db/x\", pol_interval: 1}")))
                .containsExactly("store.pol_interval: unknown key (did you mean 'poll_interval'?)",
                        "store.url: only for type postgres, not sqlite");
        assertThat(Configs.errors(block("{type: memory, path: /tmp}"))).containsExactly(
                "store.path: only for type sqlite, not memory");
        assertThat(Configs.errors("webhooks: [{url: \"https://hooks.example.com/x\"}]\nstroe: {type: memory}"))
                .containsExactly("stroe: unknown key (did you mean 'store'?)");
    }
}
