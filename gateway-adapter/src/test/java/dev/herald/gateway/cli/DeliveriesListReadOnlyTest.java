package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.engine.Herald;
import dev.herald.gateway.config.PluginConfigLoader;
import dev.herald.engine.testing.TestReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald deliveries list} (and {@code replay}) pointed at what is not a Herald store: an empty file, a file
 * that is not SQLite, another application's SQLite database, no file at all. Each is said to be so, exits 1, and
 * the folder is left byte for byte and timestamp for timestamp as it was, with no file added; a real store is read
 * without being touched either.
 */
class DeliveriesListReadOnlyTest {
    @TempDir
    Path dir;

    private final TestReceiver receiver = new TestReceiver();
    private String stderr = "";
    private String stdout = "";

    @AfterEach
    void stop() {
        receiver.close();
    }

    /** A config whose store is the SQLite file {@code store/herald.db}. */
    private Path config() throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                allowed_networks: ["127.0.0.0/8"]
                store: {type: sqlite, path: "%s"}
                webhooks:
                  - {url: "%s", name: ops, events: [tool_error]}
                """.formatted(dir.resolve("store"), receiver.url("/hook")));
        return file;
    }

    private Path storeFile() throws Exception {
        Files.createDirectories(dir.resolve("store"));
        return dir.resolve("store").resolve("herald.db");
    }

    private int herald(String... args) {
        CliRun run = CliRun.of(args);
        stdout = run.stdout();
        stderr = run.stderr();
        return run.exit();
    }

    /** Every file under the store's folder with its bytes and modification time. */
    private record Snapshot(List<String> entries) {
        static Snapshot of(Path folder) throws Exception {
            if (!Files.exists(folder)) {
                return new Snapshot(List.of());
            }
            try (Stream<Path> files = Files.walk(folder)) {
                return new Snapshot(files.sorted().map(p -> {
                    try {
                        FileTime mtime = Files.getLastModifiedTime(p);
                        String bytes = Files.isRegularFile(p)
                                ? java.util.HexFormat.of().formatHex(Files.readAllBytes(p)) : "dir";
                        return folder.relativize(p) + " " + mtime.toMillis() + " " + bytes;
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList());
            }
        }
    }

    private void assertRefusedAndUntouched(String message) throws Exception {
        Path folder = dir.resolve("store");
        // Old enough that a write in the same clock tick as the setup would still show.
        Files.setLastModifiedTime(storeFile(), FileTime.fromMillis(1_600_000_000_000L));
        Snapshot before = Snapshot.of(folder);

        for (String[] args : List.of(new String[] {"deliveries", "list", "--config", config().toString()},
                new String[] {"deliveries", "list", "--json", "--config", config().toString()},
                new String[] {"deliveries", "replay", "--since", "1h", "--config", config().toString()})) {
            assertThat(herald(args)).as(String.join(" ", args) + "\n" + stderr).isEqualTo(1);
            assertThat(stderr.lines().toList()).as(String.join(" ", args)).containsExactly(
                    "deliveries " + args[1] + ": " + message);
            assertThat(stdout).isEmpty();
            assertThat(Snapshot.of(folder)).isEqualTo(before);
        }
    }

    @Test
    void anEmptyFileIsNotAHeraldStoreAndStaysEmpty() throws Exception {
        Files.write(storeFile(), new byte[0]);

        assertRefusedAndUntouched(storeFile() + " is empty: not a Herald store");
    }

    @Test
    void aFileThatIsNotSqliteIsSaidSoAndLeftAsItWas() throws Exception {
        Files.writeString(storeFile(), "this is not a SQLite database, not at all\n".repeat(200));

        assertRefusedAndUntouched(storeFile() + " is not a SQLite database, so not a Herald store");
    }

    @Test
    void anotherApplicationsSqliteDatabaseIsNotMigratedIntoAHeraldStore() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + storeFile());
                Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
            s.execute("INSERT INTO invoices (total) VALUES (12.5)");
        }
        assertThat(Path.of(storeFile() + "-wal")).doesNotExist();

        assertRefusedAndUntouched(storeFile() + " is a SQLite database without Herald's tables (deliveries,"
                + " attempts): not a Herald store");
    }

    @Test
    void aMissingStoreIsSaidSoAndNothingIsCreated() throws Exception {
        Path config = config();

        assertThat(herald("deliveries", "list", "--config", config.toString())).isEqualTo(1);
        assertThat(stderr.lines().toList()).containsExactly("deliveries list: no store at " + dir.resolve("store")
                .resolve("herald.db") + " (run from the directory serve runs in, or set store.path)");
        assertThat(dir.resolve("store")).doesNotExist();
    }

    @Test
    void aRealStoreIsListedWithoutBeingTouched() throws Exception {
        Path config = config();
        try (Herald herald = Herald.start(PluginConfigLoader.load(config, null, Map.of()).herald())) {
            assertThat(herald.dispatcher().dispatchAndAwait(Event.builder(EventType.TOOL_ERROR).build(),
                    Duration.ofSeconds(10)).status())
                    .isEqualTo(DispatchResult.Status.ACCEPTED);
        }
        Files.setLastModifiedTime(storeFile(), FileTime.fromMillis(1_600_000_000_000L));
        Snapshot before = Snapshot.of(dir.resolve("store"));

        assertThat(herald("deliveries", "list", "--config", config.toString())).as(stderr).isZero();

        assertThat(stdout).contains(" ops ", "1 deliveries");
        assertThat(Snapshot.of(dir.resolve("store"))).isEqualTo(before);
    }

    @Test
    void aStoreThatAHeraldHasOpenIsListedBesideIt() throws Exception {
        Path config = config();
        try (Herald herald = Herald.start(PluginConfigLoader.load(config, null, Map.of()).herald())) {
            assertThat(herald.dispatcher().dispatchAndAwait(Event.builder(EventType.TOOL_ERROR).build(),
                    Duration.ofSeconds(10)).status())
                    .isEqualTo(DispatchResult.Status.ACCEPTED);
            assertThat(Path.of(storeFile() + "-wal")).exists();

            assertThat(herald("deliveries", "list", "--config", config.toString())).as(stderr).isZero();

            assertThat(stdout).contains(" ops ", "1 deliveries");
        }
    }
}
