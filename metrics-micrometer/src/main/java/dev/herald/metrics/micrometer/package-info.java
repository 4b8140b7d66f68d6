/**
 * Herald's metrics through Micrometer, recorded into the {@code MeterRegistry} the application binds, or the one
 * given to {@link dev.herald.metrics.micrometer.MicrometerMetricsModule}, which binds everything here: a dispatch
 * observer for events, attempts ({@code http.client.request.duration}), deliveries, retries, disabled endpoints and
 * the store's leases; gauges of the backlog, read when scraped; a store observer for the store's writes, commits and
 * pending deliveries; and, when asked, the JVM's binders. {@link dev.herald.metrics.micrometer.MeterNames} names
 * every meter and tag. Tags are low-cardinality: an endpoint's name, never its URL, and never an id.
 *
 * <p>Recording runs inside the work it measures, on Herald's executor and the store's writer thread: every meter is
 * registered once and kept, so that recording an attempt allocates nothing and never asks the registry. The gauges
 * read the dispatcher's backlog, and count the store's pending deliveries, when scraped, once a second at most.
 */
package dev.herald.metrics.micrometer;
