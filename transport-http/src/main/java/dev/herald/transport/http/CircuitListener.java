package dev.herald.transport.http;

/**
 * Hears every change of an endpoint's circuit, for metrics, alerts and tests; register it with
 * {@link HttpTransport#addCircuitListener}. It is called on the thread that made the change, so it must be quick
 * and must not block; an exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface CircuitListener {
    /** The named endpoint's circuit went from one state to another. */
    void onTransition(String endpointName, CircuitState from, CircuitState to);
}
