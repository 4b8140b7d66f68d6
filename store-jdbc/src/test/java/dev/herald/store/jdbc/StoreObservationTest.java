package dev.herald.store.jdbc;

import static dev.herald.store.testkit.StoreFixtures.T0;
import static dev.herald.store.testkit.StoreFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import dev.herald.core.store.DeliveryAdmin;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.StoreObservation;
import dev.herald.core.store.StoreObserver;
import dev.herald.core.store.StoredState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An observer bound beside the store kinds hears every transaction a store's writer commits, and each write. */
class StoreObservationTest {
    @TempDir
    Path directory;

    /** Records what its store's writer reports, under the kind the store was opened as. */
    static final class Recorder implements StoreObserver, StoreObservation {
        final List<String> kinds = new CopyOnWriteArrayList<>();
        final List<DeliveryAdmin> opened = new CopyOnWriteArrayList<>();
        final AtomicLong transactions = new AtomicLong();
        final AtomicLong writesInTransactions = new AtomicLong();
        final AtomicLong writes = new AtomicLong();
        final List<Duration> latencies = new CopyOnWriteArrayList<>();

        @Override
        public StoreObservation storeOpening(String kind) {
            kinds.add(kind);
            return this;
        }

        @Override
        public void opened(DeliveryAdmin store) {
            opened.add(store);
        }

        @Override
        public void writeCommitted(Duration sinceCalled) {
            writes.incrementAndGet();
            latencies.add(sinceCalled);
        }

        @Override
        public void transactionCommitted(int count, Duration duration) {
            transactions.incrementAndGet();
            writesInTransactions.addAndGet(count);
        }
    }

    /** Throws from every method: the writes must go on regardless. */
    static final class Throwing implements StoreObserver, StoreObservation {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public StoreObservation storeOpening(String kind) {
            return this;
        }

        @Override
        public void writeCommitted(Duration sinceCalled) {
            calls.incrementAndGet();
            throw new IllegalStateException("observer failure");
        }

        @Override
        public void transactionCommitted(int count, Duration duration) {
            throw new IllegalStateException("observer failure");
        }
    }

    @Test
    void everyCommittedWriteAndTransactionIsReportedAsTheStoreCountsThem() throws Exception {
        Recorder recorder = new Recorder();
        Throwing throwing = new Throwing();
        StoreKinds kinds = Guice.createInjector(new JdbcStoreModule(), new AbstractModule() {
            @Override
            protected void configure() {
                StoreKindsModule.storeObservers(binder()).addBinding().toInstance(throwing);
                StoreKindsModule.storeObservers(binder()).addBinding().toInstance(recorder);
            }
        }).getInstance(StoreKinds.class);

        try (DeliveryStore store = kinds.open(StoreSettings.sqlite(SqliteStoreConfig.in(directory))).orElseThrow()) {
            assertThat(recorder.kinds).containsExactly(StoreSettings.SQLITE);
            assertThat(recorder.opened).containsExactly(store);
            List<CompletableFuture<Void>> appends = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                appends.add(store.append(List.of(pending("d-" + i, "ops", T0)), null, null).toCompletableFuture());
            }
            // A failed write (a duplicate id) is neither a commit nor a committed write.
            CompletableFuture<Void> duplicate = store.append(List.of(pending("d-0", "ops", T0)), null, null)
                    .toCompletableFuture();
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();
            assertThat(duplicate).failsWithin(Duration.ofSeconds(10));
            assertThat(store.count(StoredState.PENDING)).isEqualTo(50);

            GroupCommitStats stats = ((JdbcDeliveryStore) store).groupCommitStats();
            assertThat(stats.writes()).isEqualTo(50);
            assertThat(recorder.transactions.get()).isEqualTo(stats.commits());
            assertThat(recorder.writesInTransactions.get()).isEqualTo(stats.writes());
            assertThat(recorder.writes.get()).isEqualTo(stats.writes());
            assertThat(recorder.latencies).allSatisfy(d -> assertThat(d).isPositive());
            assertThat(throwing.calls.get()).isEqualTo(50);
        }
    }

    @Test
    void aKindThatOpensNoStoreIsNeverShownAsOpen() {
        Recorder recorder = new Recorder();
        StoreKinds kinds = Guice.createInjector(new StoreKindsModule(), new AbstractModule() {
            @Override
            protected void configure() {
                StoreKindsModule.storeObservers(binder()).addBinding().toInstance(recorder);
            }
        }).getInstance(StoreKinds.class);

        assertThat(kinds.open(StoreSettings.memory())).isEmpty();
        assertThat(recorder.opened).isEmpty();
    }
}
