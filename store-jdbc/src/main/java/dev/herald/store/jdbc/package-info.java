/**
 * Durable delivery stores: the {@link dev.herald.core.store.DeliveryStore} port on SQLite, for one node
 * ({@link dev.herald.store.jdbc.SqliteDeliveryStore}), and on PostgreSQL, for several nodes sharing one outbox
 * ({@link dev.herald.store.jdbc.PostgresDeliveryStore}). Each creates or upgrades its schema at start-up and
 * groups concurrent writes into one transaction ({@link dev.herald.store.jdbc.GroupCommit}). The SQL, the
 * writer thread and the event's JSON form live in {@code dev.herald.store.jdbc.internal}.
 *
 * <p>The module {@code herald-store-jdbc} depends on {@code herald-core}, slf4j-api, Jackson, Flyway and HikariCP,
 * never on the gateway adapter; the JDBC drivers ({@code sqlite-jdbc}, {@code postgresql}) are optional
 * dependencies, so that a user adds the one its store needs. {@link dev.herald.store.jdbc.StoreSettings} names a
 * store kind and its settings; the kinds are registered by name ({@link dev.herald.store.jdbc.StoreKind},
 * {@link dev.herald.store.jdbc.StoreKindsModule}), so that a module can add its own. The
 * {@link dev.herald.core.store.StoreObserver}s bound there see every store {@link dev.herald.store.jdbc.StoreKinds}
 * opens, and both stores report each transaction their writer commits to them (metrics). Both stores pass the store
 * contract of {@code herald-store-testkit}.
 */
package dev.herald.store.jdbc;
