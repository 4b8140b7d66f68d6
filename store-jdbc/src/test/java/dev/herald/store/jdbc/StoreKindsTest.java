package dev.herald.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.InMemoryDeliveryStore;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store kinds are looked up by name among those the modules registered. */
class StoreKindsTest {
    @TempDir
    Path directory;

    /** A kind a user adds: its settings are a name, its store lives in memory. */
    record Shared(String name) {}

    private static final InMemoryDeliveryStore SHARED = new InMemoryDeliveryStore();

    private static final StoreKind SHARED_KIND = new StoreKind() {
        @Override
        public Optional<DeliveryStore> open(StoreSettings settings) {
            settings.config(Shared.class);
            return Optional.of(SHARED);
        }

        @Override
        public String describe(StoreSettings settings) {
            return "shared store " + settings.config(Shared.class).name();
        }
    };

    @Test
    void theJdbcModuleRegistersSqliteAndPostgresBesideMemory() {
        StoreKinds kinds = Guice.createInjector(new JdbcStoreModule()).getInstance(StoreKinds.class);

        assertThat(kinds.open(StoreSettings.memory())).isEmpty();
        try (DeliveryStore store = kinds.open(StoreSettings.sqlite(SqliteStoreConfig.in(directory))).orElseThrow()) {
            assertThat(store).isInstanceOf(SqliteDeliveryStore.class);
        }
        assertThat(kinds.knows(StoreSettings.POSTGRES)).isTrue();
        assertThat(kinds.describe(StoreSettings.sqlite(SqliteStoreConfig.in(directory))))
                .isEqualTo("sqlite at " + directory.resolve("herald.db"));
    }

    @Test
    void withoutTheJdbcModuleOnlyMemoryIsKnown() {
        StoreKinds kinds = Guice.createInjector(new StoreKindsModule()).getInstance(StoreKinds.class);

        assertThat(kinds.open(StoreSettings.memory())).isEmpty();
        assertThatThrownBy(() -> kinds.open(StoreSettings.sqlite(SqliteStoreConfig.in(directory))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("store.type: no store kind named 'sqlite'; known kinds: memory");
    }

    @Test
    void aModuleAddsAKindByNameBesideTheOthers() {
        Injector injector = Guice.createInjector(new JdbcStoreModule(), new StoreKindsModule(), new AbstractModule() {
            @Override
            protected void configure() {
                StoreKindsModule.storeKinds(binder()).addBinding("shared").toInstance(SHARED_KIND);
            }
        });
        StoreKinds kinds = injector.getInstance(StoreKinds.class);
        StoreSettings settings = StoreSettings.of("shared", new Shared("team-a")).withNode("n1");

        assertThat(kinds.open(settings)).containsSame(SHARED);
        assertThat(kinds.describe(settings)).isEqualTo("shared store team-a");
        assertThat(kinds.open(StoreSettings.memory())).isEmpty();
    }

    @Test
    void anUnknownKindIsAnErrorNamingItAndTheKnownKinds() {
        StoreKinds kinds = Guice.createInjector(new JdbcStoreModule()).getInstance(StoreKinds.class);

        assertThatThrownBy(() -> kinds.open(StoreSettings.of("cassandra", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("store.type: no store kind named 'cassandra'; known kinds: memory, postgres, sqlite");
        assertThatThrownBy(() -> StoreSettings.of("cassandra", null).open())
                .hasMessageContaining("'cassandra'").hasMessageContaining("memory, postgres, sqlite");
    }

    @Test
    void settingsOfAKindAreReadAsItsTypeOrRefusedNamingTheKind() {
        StoreSettings sqlite = StoreSettings.sqlite(SqliteStoreConfig.in(directory));

        assertThat(sqlite.config(SqliteStoreConfig.class).directory()).isEqualTo(directory);
        assertThatThrownBy(() -> sqlite.config(PostgresStoreConfig.class)).isInstanceOf(IllegalStateException.class)
                .hasMessage("store type sqlite has settings of type SqliteStoreConfig, not PostgresStoreConfig");
        assertThatThrownBy(() -> new StoreSettings("sqlite", null, null, StoreSettings.DEFAULT_LEASE,
                StoreSettings.DEFAULT_POLL_INTERVAL, StoreSettings.DEFAULT_RETENTION))
                .hasMessageContaining("type sqlite needs its settings");
    }
}
