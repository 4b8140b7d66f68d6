package dev.herald.gateway.hooks;

/** A hook call that cannot be served: an unknown hook, or a payload or context of the wrong shape. */
public class HookException extends Exception {
    private static final long serialVersionUID = 1L;

    public HookException(String message) {
        super(message);
    }

    public HookException(String message, Throwable cause) {
        super(message, cause);
    }
}
