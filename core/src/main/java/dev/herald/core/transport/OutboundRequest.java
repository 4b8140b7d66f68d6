package dev.herald.core.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One attempt of one delivery, ready to go: the endpoint's URL, every header (signature included) and the exact
 * body bytes that were signed.
 *
 * <p>The body is shared between the endpoints that use the same template and between attempts, so neither the
 * transport nor anyone else may modify the array.
 *
 * @param endpointName the endpoint's name, for per-endpoint protection and logs
 * @param url where to POST
 * @param headers the headers to send, in order; names are unique
 * @param body the exact bytes to send, never modified
 * @param timeout the bound on the whole request
 * @param deliveryId the delivery's id, the same on every attempt
 * @param attempt this attempt's number, from 1
 */
public record OutboundRequest(String endpointName, URI url, Map<String, String> headers, byte[] body,
        Duration timeout, String deliveryId, int attempt) {

    @Override
    public String toString() {
        // Headers may carry credentials; never print them.
        return "OutboundRequest[" + endpointName + " " + deliveryId + " attempt " + attempt + ", " + body.length
                + " bytes]";
    }
}
