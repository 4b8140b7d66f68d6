package dev.herald.core.dispatch.internal;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.signing.RequestSigner;
import java.time.Instant;

/**
 * An endpoint as the dispatcher runs it: its signer, built once, whether a 410 has disabled it, and its own
 * {@link EndpointLane}, so that a slow or dead endpoint holds only its own places.
 */
public final class EndpointRuntime {
    private final Endpoint endpoint;
    private final RequestSigner signer;
    private final EndpointLane lane;
    private volatile boolean gone;
    private volatile Instant sendUntil;

    public EndpointRuntime(Endpoint endpoint, RequestSigner signer, int maxInFlight) {
        this.endpoint = endpoint;
        this.signer = signer;
        this.lane = new EndpointLane(maxInFlight);
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public RequestSigner signer() {
        return signer;
    }

    /** The endpoint's deliveries due for an attempt and its attempts in flight. */
    public EndpointLane lane() {
        return lane;
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
