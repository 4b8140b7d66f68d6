package dev.herald.core.testing;

import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.Transport;
import dev.herald.core.transport.TransportResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * An in-memory transport for the core's unit tests: answers each endpoint from a script (200 once the script runs
 * out), or holds requests open until the test completes them, and records every request.
 */
public final class ScriptedTransport implements Transport {
    private final Map<String, Deque<Supplier<CompletableFuture<TransportResponse>>>> scripts = new HashMap<>();
    private final List<OutboundRequest> requests = new ArrayList<>();
    private final List<CompletableFuture<TransportResponse>> held = new ArrayList<>();
    private boolean hold;

    /** Queues answers for an endpoint, in order. */
    public synchronized ScriptedTransport answer(String endpoint, TransportResponse... responses) {
        for (TransportResponse r : responses) {
            script(endpoint).add(() -> CompletableFuture.completedFuture(r));
        }
        return this;
    }

    /** Queues a failure for an endpoint. */
    public synchronized ScriptedTransport fail(String endpoint, RuntimeException error) {
        script(endpoint).add(() -> CompletableFuture.failedFuture(error));
        return this;
    }

    /** From now on, requests are left open until {@link #completeHeld(int)}. */
    public synchronized ScriptedTransport holdAll() {
        hold = true;
        return this;
    }

    @Override
    public synchronized CompletionStage<TransportResponse> send(OutboundRequest request) {
        requests.add(request);
        if (hold) {
            CompletableFuture<TransportResponse> f = new CompletableFuture<>();
            held.add(f);
            return f;
        }
        Deque<Supplier<CompletableFuture<TransportResponse>>> s = scripts.get(request.endpointName());
        if (s == null || s.isEmpty()) {
            return CompletableFuture.completedFuture(TransportResponse.of(200));
        }
        return s.poll().get();
    }

    /** Completes every held request with the status. */
    public void completeHeld(int status) {
        List<CompletableFuture<TransportResponse>> toComplete;
        synchronized (this) {
            toComplete = new ArrayList<>(held);
            held.clear();
            hold = false;
        }
        toComplete.forEach(f -> f.complete(TransportResponse.of(status)));
    }

    /** Completes every request held now with the status, and goes on holding those sent from now on. */
    public void answerHeldAndKeepHolding(int status) {
        List<CompletableFuture<TransportResponse>> toComplete;
        synchronized (this) {
            toComplete = new ArrayList<>(held);
            held.clear();
        }
        toComplete.forEach(f -> f.complete(TransportResponse.of(status)));
    }

    public synchronized List<OutboundRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<OutboundRequest> requestsTo(String endpoint) {
        return requests.stream().filter(r -> r.endpointName().equals(endpoint)).toList();
    }

    public synchronized int heldCount() {
        return held.size();
    }

    private Deque<Supplier<CompletableFuture<TransportResponse>>> script(String endpoint) {
        return scripts.computeIfAbsent(endpoint, k -> new ArrayDeque<>());
    }
}
