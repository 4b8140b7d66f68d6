/**
 * The delivery store port: where accepted deliveries, their attempts and outcomes live, so that nothing accepted is
 * lost when the process dies, and several Herald nodes can share one outbox.
 */
package dev.herald.core.store;
