package dev.herald.store.jdbc;

/**
 * A store could not do what it was asked: its database refused or could not be reached. The message says which
 * operation and why, never a password.
 */
public final class DeliveryStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeliveryStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
