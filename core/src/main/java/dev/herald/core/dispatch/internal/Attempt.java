package dev.herald.core.dispatch.internal;

import dev.herald.core.dispatch.AttemptObservation;
import dev.herald.core.retry.OutcomeClass;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * One attempt of one delivery, from the moment it is handed to the transport: it takes the transport's answer
 * (as the callback of its future, on whichever thread completes it), hops to Herald's executor (as the task it
 * runs there), and classifies the answer into an outcome and a retry decision. One object for all three, so that
 * an attempt allocates no callbacks of its own.
 */
final class Attempt implements BiConsumer<TransportResponse, Throwable>, Runnable {
    private static final int ERROR_BODY_CHARS = 512;
    // Made once: an observer asks for the kind's name on every failed attempt.
    private static final String[] KIND_NAMES = Arrays.stream(TransportException.Kind.values())
            .map(k -> k.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

    private final AttemptRunner runner;
    final Delivery delivery;
    final int number;
    final Instant startedAt;
    private final long startNanos;
    final AttemptObservation observation;
    // Written by the completing thread before the hop to the executor, which publishes them.
    private long nanos;
    private TransportResponse response;
    private Throwable error;
    // Set by classify.
    OutcomeClass outcome;
    int status;
    String errorText;
    String errorType;
    Duration retryDelay;

    Attempt(AttemptRunner runner, Delivery delivery, int number, Instant startedAt, long startNanos,
            AttemptObservation observation) {
        this.observation = observation;
        this.runner = runner;
        this.delivery = delivery;
        this.number = number;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
    }

    /** The transport's answer, on the thread that completed it. */
    @Override
    public void accept(TransportResponse response, Throwable error) {
        // Timed here, on the completing thread, so that waiting for the executor does not count as the exchange.
        this.nanos = System.nanoTime() - startNanos;
        this.response = response;
        this.error = error;
        runner.onHeraldExecutor(this);
    }

    /** The answer's handling, on Herald's executor. */
    @Override
    public void run() {
        runner.answered(this);
    }

    /**
     * Classifies the answer: its outcome, status and error, and, when it is retryable, may be retried
     * ({@code mayRetry}) and the policy allows one more, the delay before the retry; else no delay.
     */
    void classify(RetryPolicy policy, boolean mayRetry, RandomGenerator random) {
        Duration retryAfter = null;
        if (error != null) {
            Throwable cause = Failures.unwrap(error);
            outcome = cause instanceof TransportException te && !te.retryable()
                    ? OutcomeClass.FINAL : OutcomeClass.RETRYABLE;
            errorText = Failures.describe(cause);
            errorType = cause instanceof TransportException te ? KIND_NAMES[te.kind().ordinal()]
                    : cause.getClass().getSimpleName();
        } else if (response == null) {
            outcome = OutcomeClass.RETRYABLE;
            errorText = "the transport answered nothing";
            errorType = "no_response";
        } else {
            status = response.status();
            outcome = OutcomeClass.ofStatus(status);
            retryAfter = response.retryAfter();
        }
        if (outcome == OutcomeClass.RETRYABLE && mayRetry && policy.canRetryAfter(number)) {
            retryDelay = policy.delayBeforeRetry(number - 1, retryAfter, random);
        }
    }

    /** How long the exchange took, timed on the completing thread. */
    Duration duration() {
        return Duration.ofNanos(nanos);
    }

    /** The start of the answer's body, for the record; null when it had none. */
    String responseText() {
        if (response == null || response.body().length == 0) {
            return null;
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        return text.length() > ERROR_BODY_CHARS ? text.substring(0, ERROR_BODY_CHARS) : text;
    }
}
