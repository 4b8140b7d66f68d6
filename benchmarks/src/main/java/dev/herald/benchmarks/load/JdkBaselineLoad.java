package dev.herald.benchmarks.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The baseline a user would write by hand: {@code java.net.http.HttpClient.sendAsync}. */
public final class JdkBaselineLoad extends BaselineLoad {
    private final HttpClient client;

    /** Prepares the client; nothing is sent before {@link #run()}. */
    public JdkBaselineLoad(LoadSpec spec) {
        super(spec);
        // HTTP/1.1 as Herald and the receiver speak it; the default would first offer an h2c upgrade.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    protected void post(byte[] body, Map<String, String> headers, DeliveryWindow window) {
        HttpRequest.Builder request = HttpRequest.newBuilder(spec.url())
                .timeout(LoadSpec.REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> window.completed(error == null && response.statusCode() / 100 == 2));
    }
}
