package dev.herald.store.jdbc;

import static dev.herald.store.testkit.StoreFixtures.T0;
import static dev.herald.store.testkit.StoreFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a SQLite file in this test's own directory, and what is particular to that file. */
class SqliteDeliveryStoreTest extends JdbcDeliveryStoreContract {
    @TempDir
    Path directory;

    @Override
    protected JdbcDeliveryStore open(Clock clock) {
        return SqliteDeliveryStore.open(SqliteStoreConfig.in(directory.resolve("store")).withClock(clock));
    }

    @Test
    void keepsItsDeliveriesInHeraldDbInWriteAheadLogMode() throws Exception {
        done(store().append(List.of(pending("d-1", "ops", T0)), null, null));

        Path file = directory.resolve("store").resolve("herald.db");
        assertThat(file).isRegularFile();
        assertThat(directory.resolve("store").resolve("herald.db-wal")).exists();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT (SELECT count(*) FROM deliveries), (SELECT journal_mode FROM pragma_journal_mode)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("wal");
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsNamed() throws Exception {
        Path aFile = Files.writeString(directory.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> SqliteDeliveryStore.open(SqliteStoreConfig.in(aFile.resolve("store"))))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("could not create its directory " + aFile.resolve("store"));
    }
}
