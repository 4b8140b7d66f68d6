package dev.herald.core.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoint's answer to one attempt.
 *
 * @param status the HTTP status code
 * @param headers response headers, names in lower case, first value of each
 * @param body the start of the response body, capped by the transport
 * @param bodyTruncated whether the body was longer than the cap
 * @param retryAfter the delay the endpoint asked for with {@code Retry-After}, or null
 */
public record TransportResponse(int status, Map<String, String> headers, byte[] body, boolean bodyTruncated,
        Duration retryAfter) {

    /** A bare answer with a status and nothing else, as in-memory transports give. */
    public static TransportResponse of(int status) {
        return new TransportResponse(status, Map.of(), new byte[0], false, null);
    }

    /** A bare answer that asks for a retry after the given delay. */
    public static TransportResponse withRetryAfter(int status, Duration retryAfter) {
        return new TransportResponse(status, Map.of(), new byte[0], false, retryAfter);
    }

    /** The {@code Retry-After} delay, if the endpoint sent one. */
    public Optional<Duration> retryAfterDelay() {
        return Optional.ofNullable(retryAfter);
    }

    /** The body as UTF-8 text, malformed bytes replaced. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TransportResponse[" + status + ", " + body.length + " bytes" + (bodyTruncated ? " (truncated)" : "")
                + "]";
    }
}
