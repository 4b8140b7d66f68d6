/**
 * Herald's metrics through Micrometer, recorded into the {@code MeterRegistry} the application binds: deliveries
 * and attempts, the backlog, circuits and rate limits, the store. Bound by
 * {@link dev.herald.metrics.micrometer.MicrometerMetricsModule}.
 */
package dev.herald.metrics.micrometer;
