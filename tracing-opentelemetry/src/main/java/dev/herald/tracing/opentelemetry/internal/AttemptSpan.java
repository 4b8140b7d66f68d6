package dev.herald.tracing.opentelemetry.internal;

import dev.herald.core.dispatch.AttemptEnd;
import dev.herald.core.dispatch.AttemptObservation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The {@code POST} span of one attempt, open until the attempt's end is heard. */
final class AttemptSpan implements AttemptObservation {
    private final Span span;
    private final long startEpochNanos;
    private final ObserverErrors errors;

    AttemptSpan(Span span, long startEpochNanos, ObserverErrors errors) {
        this.span = span;
        this.startEpochNanos = startEpochNanos;
        this.errors = errors;
    }

    @Override
    public void ended(AttemptEnd end) {
        if (!span.isRecording()) {
            // Not sampled: nothing of it is kept, and ending it does nothing.
            return;
        }
        try {
            if (end.statusCode() > 0) {
                span.setAttribute(SpanAttributes.HTTP_RESPONSE_STATUS_CODE, end.statusCode());
            }
            String error = errorType(end);
            if (error != null) {
                span.setAttribute(SpanAttributes.ERROR_TYPE, error);
                span.setStatus(StatusCode.ERROR);
            }
            Duration took = end.duration();
            if (took != null) {
                // The exchange's own time: the end is heard later, after a hop to Herald's executor.
                span.end(startEpochNanos + took.toNanos(), TimeUnit.NANOSECONDS);
            } else {
                span.end();
            }
        } catch (RuntimeException e) {
            errors.failed("an attempt's end", e);
        }
    }

    /**
     * The HTTP client conventions' {@code error.type}: why no answer came, or the status code of an answer that is
     * not a success (Herald follows no redirect, so a 3xx fails the attempt as a 4xx does); null for a success.
     */
    static String errorType(AttemptEnd end) {
        if (end.errorType() != null) {
            return end.errorType();
        }
        int status = end.statusCode();
        if (status >= 200 && status < 300) {
            return null;
        }
        return status > 0 ? Integer.toString(status) : "_OTHER";
    }
}
