package dev.herald.transport.http;

/** The state of one endpoint's circuit, as tests and metrics see it. */
public enum CircuitState {
    /** Requests flow. */
    CLOSED,
    /** The endpoint failed too often; requests wait until it may be probed. */
    OPEN,
    /** A few probe requests decide whether the circuit closes or opens again; the rest wait. */
    HALF_OPEN
}
