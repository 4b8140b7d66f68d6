package dev.herald.transport.http.internal;

/** The SSRF guard refused an address; carried through netty's futures to the transport, which reports BLOCKED. */
public final class RefusedAddressException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefusedAddressException(String message) {
        // No stack trace: the refusal is a decision, not a bug, and may repeat on every attempt.
        super(message, null, false, false);
    }
}
