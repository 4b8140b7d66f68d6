package dev.herald.transport.http.testing;

import dev.herald.core.transport.TransportException;
import dev.herald.transport.http.HttpTransport;
import dev.herald.transport.http.HttpTransportConfig;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends one request to each URL given with an HTTP transport whose TLS settings are all defaults, and prints one
 * line per URL: {@code RESULT <url> <status>} or {@code RESULT <url> <kind> <message>}. Meant for a JVM of its
 * own: reactor-netty makes its default TLS context once per JVM, from the trust store the JVM has at that time.
 */
public final class TlsProbe {
    private TlsProbe() {}

    public static void main(String[] urls) throws Exception {
        try (HttpTransport transport = new HttpTransport(
                HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())) {
            for (String url : urls) {
                String result;
                try {
                    result = String.valueOf(transport.send(Requests.post("probe", URI.create(url)))
                            .toCompletableFuture()
                            .get(20, TimeUnit.SECONDS).status());
                } catch (ExecutionException e) {
                    result = e.getCause() instanceof TransportException te ? te.kind() + " " + te.getMessage()
                            : e.getCause().toString();
                }
                System.out.println("RESULT " + url + " " + result);
            }
        }
    }
}
