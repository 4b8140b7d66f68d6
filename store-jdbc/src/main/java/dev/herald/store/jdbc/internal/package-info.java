/**
 * The stores' workings: the SQL over the {@code deliveries}, {@code attempts} and {@code endpoint_leases} tables,
 * the group-commit writer thread, the event's JSON form, the connection pools and the migrations. Not an API.
 */
package dev.herald.store.jdbc.internal;
