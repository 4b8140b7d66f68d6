/**
 * What {@code herald serve} tells an operator about its deliveries besides its config and its stop report: the
 * meters (Prometheus at {@code GET /metrics}, pushed with OTLP when asked), the traces (the OpenTelemetry SDK
 * configured from the {@code OTEL_*} variables), and a log line for each delivery's end.
 */
package dev.herald.gateway.telemetry;
