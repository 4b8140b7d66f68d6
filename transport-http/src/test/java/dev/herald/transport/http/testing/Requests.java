package dev.herald.transport.http.testing;

import dev.herald.core.transport.OutboundRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Builds outbound requests as the dispatcher would. */
public final class Requests {
    private Requests() {}

    public static OutboundRequest post(String endpoint, URI url) {
        return post(endpoint, url, Duration.ofSeconds(10));
    }

    public static OutboundRequest post(String endpoint, URI url, Duration timeout) {
        return new OutboundRequest(endpoint, url, Map.of(), "{\"event\":\"test\"}".getBytes(StandardCharsets.UTF_8),
                timeout, "d-1", 1);
    }

    public static OutboundRequest post(String endpoint, URI url, Map<String, String> headers, byte[] body) {
        return new OutboundRequest(endpoint, url, headers, body, Duration.ofSeconds(10), "d-1", 1);
    }
}
