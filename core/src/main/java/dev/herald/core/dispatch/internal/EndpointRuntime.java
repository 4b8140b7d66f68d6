package dev.herald.core.dispatch.internal;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.signing.RequestSigner;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An endpoint as the dispatcher runs it: its signer, built once, whether a 410 has disabled it, and its own
 * queue and count of attempts in flight, so that a slow or dead endpoint holds only its own places.
 */
public final class EndpointRuntime {
    private final Endpoint endpoint;
    private final RequestSigner signer;
    private final ConcurrentLinkedQueue<Delivery> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean gone;
    private volatile Instant sendUntil;

    public EndpointRuntime(Endpoint endpoint, RequestSigner signer) {
        this.endpoint = endpoint;
        this.signer = signer;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public RequestSigner signer() {
        return signer;
    }

    /** Deliveries due for an attempt, waiting for a place in flight. */
    public ConcurrentLinkedQueue<Delivery> ready() {
        return ready;
    }

    /** Attempts to this endpoint sent and not yet answered. */
    public AtomicInteger inFlight() {
        return inFlight;
    }

    /** Whether the endpoint takes new deliveries: enabled in config and not gone. */
    public boolean active() {
        return endpoint.enabled() && !gone;
    }

    public boolean gone() {
        return gone;
    }

    /**
     * With a delivery store: until when this node may start attempts to the endpoint, from the endpoint's lease;
     * null when it does not hold the lease.
     */
    public Instant sendUntil() {
        return sendUntil;
    }

    public void sendUntil(Instant until) {
        this.sendUntil = until;
    }

    /** Marks the endpoint gone; true only for the caller that changed it. */
    public synchronized boolean markGone() {
        if (gone) {
            return false;
        }
        gone = true;
        return true;
    }
}
