package dev.herald.gateway.faults;

import dev.herald.transport.http.CircuitListener;
import dev.herald.transport.http.CircuitState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every change of every circuit, in the order they happened, each with the moment it happened. */
final class CircuitLog implements CircuitListener {
    /** One change of one endpoint's circuit. */
    record Transition(String endpoint, CircuitState from, CircuitState to, long nanos) {}

    private final List<Transition> transitions = new CopyOnWriteArrayList<>();

    @Override
    public void onTransition(String endpointName, CircuitState from, CircuitState to) {
        transitions.add(new Transition(endpointName, from, to, System.nanoTime()));
    }

    List<Transition> of(String endpoint) {
        return transitions.stream().filter(t -> t.endpoint().equals(endpoint)).toList();
    }

    long count(String endpoint, CircuitState from, CircuitState to) {
        return of(endpoint).stream().filter(t -> t.from() == from && t.to() == to).count();
    }

    /** The transitions as {@code CLOSED>OPEN, OPEN>HALF_OPEN, ...}, for the test's report. */
    String describe(String endpoint) {
        return describe(endpoint, 0);
    }

    /** The transitions after the first {@code skip} ones, as {@link #describe(String)} gives them. */
    String describe(String endpoint, int skip) {
        return String.join(", ", of(endpoint).stream().skip(skip).map(t -> t.from() + ">" + t.to()).toList());
    }
}
