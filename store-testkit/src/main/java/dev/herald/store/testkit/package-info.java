/**
 * The delivery store contract, for whoever writes a store kind: {@link dev.herald.store.testkit.DeliveryStoreContract}
 * is an abstract JUnit 5 suite over the {@link dev.herald.core.store.DeliveryStore} port alone, with the events,
 * deliveries and attempts it is built from ({@link dev.herald.store.testkit.StoreFixtures}) and a clock the tests
 * set ({@link dev.herald.store.testkit.TestClock}). Herald runs it on its in-memory, SQLite and PostgreSQL stores.
 *
 * <p>To run it on a third-party store:
 * <ol>
 *   <li>Depend on {@code dev.herald:herald-store-testkit} (aligned by {@code herald-bom}) in test scope, beside
 *       JUnit Jupiter's engine ({@code junit-jupiter}) and Surefire 3.</li>
 *   <li>Extend the contract in the store's tests and implement {@code open(Clock)}: open the store at a place of
 *       this test's own (a temporary directory, a fresh schema), empty the first time; opened again at that place,
 *       it must see what is stored there, as a second node or, after a close, a restart would. Stamp the time a
 *       delivery ends from the clock given, which the tests move.</li>
 *   <li>A store that keeps nothing across a close overrides {@code survivesRestart()} to return false (and
 *       returns the same instance from {@code open} while it is open): the restart test is then skipped.</li>
 *   <li>Add the store's own tests (limits, failures, files) beside the inherited ones; the contract's helpers
 *       ({@code store()}, {@code reopen()}, {@code done}, {@code assertFails}) are there to use.</li>
 * </ol>
 *
 * <pre>{@code
 * class MyDeliveryStoreTest extends DeliveryStoreContract {
 *     @TempDir Path directory;
 *
 *     @Override
 *     protected DeliveryStore open(Clock clock) {
 *         return MyDeliveryStore.open(directory, clock);
 *     }
 * }
 * }</pre>
 */
package dev.herald.store.testkit;
