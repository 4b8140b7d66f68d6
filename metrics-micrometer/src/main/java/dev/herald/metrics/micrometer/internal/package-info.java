/**
 * The meters' workings: the dispatch observer and its per-endpoint meters, the backlog gauges, the store
 * observation and the JVM binders, bound by {@link dev.herald.metrics.micrometer.MicrometerMetricsModule}. Not an
 * API.
 */
package dev.herald.metrics.micrometer.internal;
