/**
 * The delivery store port: where accepted deliveries, their attempts and outcomes live, so that nothing accepted is
 * lost when the process dies, and several Herald nodes can share one outbox. A {@link StoreObserver} sees the stores
 * opened by kind and hears, through its {@link StoreObservation}, the transactions each commits (metrics).
 */
package dev.herald.core.store;
