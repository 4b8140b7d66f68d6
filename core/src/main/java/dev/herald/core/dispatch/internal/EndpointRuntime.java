package dev.herald.core.dispatch.internal;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.signing.RequestSigner;

/** An endpoint as the dispatcher runs it: its signer, built once, and whether a 410 has disabled it. */
public final class EndpointRuntime {
    private final Endpoint endpoint;
    private final RequestSigner signer;
    private volatile boolean gone;

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

    /** Whether the endpoint takes new deliveries: enabled in config and not gone. */
    public boolean active() {
        return endpoint.enabled() && !gone;
    }

    public boolean gone() {
        return gone;
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
