package dev.herald.auth;

import java.util.Objects;

/**
 * A webhook's signature did not verify. The message says why, for the receiver's logs; it never holds a secret
 * or the expected signature, so that a caller may return it to the sender.
 */
public final class SignatureVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a webhook was refused. */
    public enum Reason {
        /** A header the scheme needs is absent or empty. */
        MISSING_HEADER,
        /** A header is present but cannot be read: a non-numeric timestamp, a value without its prefix. */
        MALFORMED_HEADER,
        /** The timestamp is further from the receiver's clock than the tolerance, either way: a replay or skew. */
        TIMESTAMP_OUT_OF_TOLERANCE,
        /** No signature matches any key: a changed body, id or timestamp, a wrong key or version tag. */
        NO_MATCHING_SIGNATURE
    }

    private final Reason reason;

    /** A refusal for the reason, with a message for logs. */
    public SignatureVerificationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the webhook was refused. */
    public Reason reason() {
        return reason;
    }
}
