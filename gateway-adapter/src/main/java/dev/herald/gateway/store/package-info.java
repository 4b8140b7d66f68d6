/**
 * Durable delivery stores: the {@link dev.herald.core.store.DeliveryStore} port on SQLite, for one node
 * ({@link dev.herald.gateway.store.SqliteDeliveryStore}), and on PostgreSQL, for several nodes sharing one outbox
 * ({@link dev.herald.gateway.store.PostgresDeliveryStore}). Each creates or upgrades its schema at start-up and
 * groups concurrent writes into one transaction ({@link dev.herald.gateway.store.GroupCommit}). The SQL, the
 * writer thread and the event's JSON form live in {@code dev.herald.gateway.store.internal}.
 */
package dev.herald.gateway.store;
