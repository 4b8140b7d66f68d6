package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.transport.TransportResponse;
import dev.herald.transport.http.testing.NoLeaks;
import dev.herald.transport.http.testing.Requests;
import dev.herald.transport.http.testing.TestReceiver;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A redirect is the endpoint's final answer, never a second request: an allowed endpoint cannot send Herald on to
 * an internal address, nor to any other. The endpoint stands on 127.0.0.2, the one address allowed_networks opens
 * (the stand-in for a public host); the Location targets are second receivers that count every connection.
 */
@ExtendWith(NoLeaks.class)
class RedirectsTest {
    private final TestReceiver internal = TestReceiver.answering(200);
    private final TestReceiver alsoAllowed = TestReceiver.startOn("127.0.0.3", 0, (req, res) -> res.status(200).send());
    private final HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
            .allowNetwork("127.0.0.2/32").allowNetwork("127.0.0.3/32").build());
    private TestReceiver endpoint;

    @AfterEach
    void stop() {
        transport.close();
        internal.close();
        alsoAllowed.close();
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private TransportResponse send(int status, String location) throws Exception {
        endpoint = TestReceiver.startOn("127.0.0.2", 0,
                (req, res) -> res.status(status).header("Location", location).send());
        return transport.send(Requests.post("public-looking",
                URI.create("http://127.0.0.2:" + endpoint.port() + "/hook")))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void aRedirectToAnInternalAddressIsTheAnswerAndItsTargetHearsNothing(int status) throws Exception {
        TransportResponse response = send(status, internal.url("/internal?from=redirect").toString());

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("location", internal.url("/internal?from=redirect").toString());
        assertThat(endpoint.hits("/hook")).isEqualTo(1);
        assertThat(internal.connections()).isZero();
        assertThat(internal.hits("/internal")).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {302, 307})
    void aRedirectIsNotFollowedEvenToAnAddressTheGuardWouldAllow(int status) throws Exception {
        // Were redirects followed, the guard would let this one through: only not following stops it.
        URI elsewhere = URI.create("http://127.0.0.3:" + alsoAllowed.port() + "/elsewhere");
        TransportResponse response = send(status, elsewhere.toString());

        assertThat(response.status()).isEqualTo(status);
        assertThat(alsoAllowed.connections()).isZero();
        assertThat(transport.send(Requests.post("public-looking", elsewhere))
                .toCompletableFuture().get(10, TimeUnit.SECONDS).status())
                .as("the guard lets the Location through when asked directly").isEqualTo(200);
        assertThat(alsoAllowed.hits("/elsewhere")).isEqualTo(1);
    }
}
