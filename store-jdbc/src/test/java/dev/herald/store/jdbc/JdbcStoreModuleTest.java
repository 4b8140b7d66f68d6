package dev.herald.store.jdbc;

import static dev.herald.store.testkit.StoreFixtures.T0;
import static dev.herald.store.testkit.StoreFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.herald.core.store.DeliveryStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoreModuleTest {
    @TempDir
    Path directory;

    @Test
    void bindsOneStoreFromTheSettingsForTheWholeInjector() throws Exception {
        Injector injector = Guice.createInjector(
                new JdbcStoreModule(StoreSettings.sqlite(SqliteStoreConfig.in(directory))));

        DeliveryStore store = injector.getInstance(DeliveryStore.class);
        try {
            assertThat(store).isInstanceOf(SqliteDeliveryStore.class)
                    .isSameAs(injector.getInstance(DeliveryStore.class));
            store.append(List.of(pending("d-1", "ops", T0)), null, null).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(directory.resolve("herald.db")).isRegularFile();
        } finally {
            store.close();
        }
    }

    @Test
    void refusesTheMemoryKindWhichHasNoStoreToBind() {
        assertThatThrownBy(() -> new JdbcStoreModule(StoreSettings.memory()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory");
    }
}
