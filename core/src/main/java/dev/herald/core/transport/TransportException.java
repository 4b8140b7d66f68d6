package dev.herald.core.transport;

/**
 * A request that got no HTTP answer, with the reason in a form the retry policy can read.
 */
public class TransportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why no answer came. */
    public enum Kind {
        /** The connection could not be made (refused, unreachable, DNS). Retryable. */
        CONNECT(true),
        /** No complete answer within the endpoint's timeout. Retryable. */
        TIMEOUT(true),
        /** The connection broke mid-way (reset, closed early). Retryable. */
        IO(true),
        /**
         * Not sent: the endpoint's protection could not let this attempt through before its deadline (its circuit
         * is open, or its rate limit is used up). Says nothing new about the endpoint's health, and no connection
         * was tried. Retryable.
         */
        OVERLOADED(true),
        /** Herald refused to send (SSRF guard, a URL it will not reach). Final. */
        BLOCKED(false),
        /** The request itself is invalid and sending it again cannot help. Final. */
        INVALID(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;

    public TransportException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public TransportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether another attempt may succeed. */
    public boolean retryable() {
        return kind.retryable();
    }
}
