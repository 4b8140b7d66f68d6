package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import dev.herald.transport.http.testing.NoLeaks;
import dev.herald.transport.http.testing.Requests;
import dev.herald.transport.http.testing.TestReceiver;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The guard works on the address really connected to, for literals and for resolved names alike. */
@ExtendWith(NoLeaks.class)
class SsrfGuardTest {
    private static TestReceiver receiver;
    private static HttpTransport guarded;
    private static HttpTransport openToLoopback;

    @BeforeAll
    static void start() {
        receiver = TestReceiver.answering(200);
        guarded = new HttpTransport(HttpTransportConfig.defaults());
        openToLoopback = new HttpTransport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build());
    }

    @AfterAll
    static void stop() {
        guarded.close();
        openToLoopback.close();
        receiver.close();
    }

    private static TransportException failure(HttpTransport transport, URI url) {
        Throwable t = catchThrowable(() -> transport.send(Requests.post("guarded", url))
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOf(TransportException.class);
        return (TransportException) t.getCause();
    }

    @Test
    void refusesLoopbackByDefaultAndKeepsTheQueryOutOfTheMessage() {
        TransportException e = failure(guarded, receiver.url("/hook?token=s3cr3t"));

        assertThat(e.kind()).isEqualTo(Kind.BLOCKED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("127.0.0.1").contains("loopback").contains("allowed_networks")
                .doesNotContain("s3cr3t").doesNotContain("token").doesNotContain("/hook");
        assertThat(receiver.hits("/hook")).isZero();
    }

    @Test
    void refusesAHostNameThatResolvesToLoopback() {
        TransportException e = failure(guarded,
                URI.create("http://localhost:" + receiver.port() + "/by-name?key=s3cr3t"));

        assertThat(e.kind()).isEqualTo(Kind.BLOCKED);
        assertThat(e.getMessage()).contains("localhost").contains("127.0.0.1").doesNotContain("s3cr3t");
        assertThat(receiver.hits("/by-name")).isZero();
    }

    @Test
    void refusesIpv6LoopbackAndMappedLiterals() {
        assertThat(failure(guarded, URI.create("http://[::1]:" + receiver.port() + "/")).kind())
                .isEqualTo(Kind.BLOCKED);
        assertThat(failure(guarded, URI.create("http://[::ffff:127.0.0.1]:" + receiver.port() + "/")).kind())
                .isEqualTo(Kind.BLOCKED);
    }

    @Test
    void refusesTheCloudMetadataServiceWithoutTouchingTheNetwork() {
        TransportException e = failure(guarded, URI.create("http://169.254.169.254/latest/meta-data/"));
        assertThat(e.kind()).isEqualTo(Kind.BLOCKED);
        assertThat(e.getMessage()).contains("metadata");
    }

    @Test
    void allowedNetworksOpenLoopbackByAddressAndByName() throws Exception {
        assertThat(openToLoopback.send(Requests.post("local", receiver.url("/open")))
                .toCompletableFuture().get(10, TimeUnit.SECONDS)
                .status()).isEqualTo(200);
        assertThat(openToLoopback.send(Requests.post("local",
                URI.create("http://localhost:" + receiver.port() + "/open-by-name")))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS)
                .status()).isEqualTo(200);
        assertThat(receiver.hits("/open")).isEqualTo(1);
        assertThat(receiver.hits("/open-by-name")).isEqualTo(1);
    }

    @Test
    void aBlockedAddressDoesNotCountAgainstTheEndpointsCircuit() {
        for (int i = 0; i < 8; i++) {
            assertThat(failure(guarded, URI.create("http://localhost:" + receiver.port() + "/")).kind())
                    .isEqualTo(Kind.BLOCKED);
        }
        assertThat(guarded.circuitState("guarded")).isEqualTo(CircuitState.CLOSED);
    }
}
