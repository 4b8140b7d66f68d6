package dev.herald.core.transport;

import java.util.concurrent.CompletionStage;

/**
 * Sends one prepared request, asynchronously. Herald's HTTP transport implements it with reactor-netty; a user
 * may bind an own (a message queue, a test double, another HTTP client).
 *
 * <p>The returned stage completes with the endpoint's answer, whatever its status, or exceptionally: with a
 * {@link TransportException} that says whether trying again may help, or with any other exception, which the
 * dispatcher treats as a retryable network error. {@code send} must not block the caller. The dispatcher only
 * attaches a completion callback, so a stage that is not a {@code CompletableFuture} costs it no conversion.
 * The attempt must be over by {@link OutboundRequest#deadlineNanos()}, whatever the transport waits for.
 */
public interface Transport extends AutoCloseable {

    /** Starts sending the request. */
    CompletionStage<TransportResponse> send(OutboundRequest request);

    /** Releases connections and threads; deliveries still in flight may fail. */
    @Override
    default void close() {}
}
