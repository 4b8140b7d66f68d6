/**
 * The dispatcher: fans events out to endpoints, renders, signs, sends and retries, bounded and never blocking
 * the host; what it reports to {@link dev.herald.core.dispatch.DeliveryListener}s (attempts, outcomes, refusals);
 * and what {@link dev.herald.core.dispatch.DispatchObserver}s see as it happens (events taken, each attempt's start
 * and end), for metrics and traces.
 */
package dev.herald.core.dispatch;
