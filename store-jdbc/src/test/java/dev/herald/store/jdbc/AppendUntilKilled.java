package dev.herald.store.jdbc;

import dev.herald.core.store.StoredDelivery;
import dev.herald.store.testkit.StoreFixtures;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * The child JVM of {@link SqliteKillTest}: appends batches of deliveries to a SQLite store without pause, a few at
 * a time, and prints {@code acked <batch>} for each batch whose append stage completed. It stops appending after
 * {@code batches} batches and waits, never closing the store: it ends only by being killed.
 *
 * <p>Arguments: the store directory, the durability, the number of batches, the deliveries per batch.
 */
public final class AppendUntilKilled {
    private AppendUntilKilled() {}

    public static void main(String[] args) throws InterruptedException {
        Path directory = Path.of(args[0]);
        SqliteStoreConfig.Durability durability = SqliteStoreConfig.Durability.valueOf(args[1]);
        int batches = Integer.parseInt(args[2]);
        int perBatch = Integer.parseInt(args[3]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        SqliteDeliveryStore store =
                SqliteDeliveryStore.open(SqliteStoreConfig.in(directory).withDurability(durability));
        out.println("open");
        Semaphore inFlight = new Semaphore(8);
        for (int b = 0; b < batches; b++) {
            inFlight.acquire();
            String batch = "b" + b;
            List<StoredDelivery> deliveries = StoreFixtures.pendingMany(batch, "ops", perBatch, StoreFixtures.T0);
            store.append(deliveries, null, null).whenComplete((ok, failure) -> {
                out.println(failure == null ? "acked " + batch : "failed " + batch + " " + failure);
                inFlight.release();
            });
        }
        new CountDownLatch(1).await();
    }
}
