package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import dev.herald.transport.http.testing.NoLeaks;
import dev.herald.transport.http.testing.Requests;
import dev.herald.transport.http.testing.ScriptedNames;
import dev.herald.transport.http.testing.TestReceiver;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way of writing an internal address is refused by the real transport before anything is looked up or
 * connected to. A receiver on 127.0.0.1 counts the connections it accepts, and the transport's resolver counts
 * lookups: both must stay still. (0.0.0.0 and {@code 0} would reach that receiver too: Linux connects the
 * unspecified address to this host.)
 */
@ExtendWith(NoLeaks.class)
class SsrfAddressFormsTest {
    private static TestReceiver loopback;
    private static ScriptedNames names;
    private static HttpTransport guarded;
    private static HttpTransport openToLoopback;

    @BeforeAll
    static void start() {
        loopback = TestReceiver.answering(200);
        names = new ScriptedNames();
        guarded = new HttpTransport(HttpTransportConfig.defaults(), loops -> names);
        openToLoopback = new HttpTransport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build(),
                loops -> names);
    }

    @AfterAll
    static void stop() {
        guarded.close();
        openToLoopback.close();
        loopback.close();
    }

    /** Why the transport did not send to the host, at the loopback receiver's port. */
    private static TransportException notSent(HttpTransport transport, String host) {
        URI url = URI.create("http://" + host + ":" + loopback.port() + "/s3cr3t-path?token=s3cr3t");
        Throwable t = catchThrowable(() -> transport.send(Requests.post("forms", url))
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOf(TransportException.class);
        TransportException e = (TransportException) t.getCause();
        assertThat(e.getMessage()).doesNotContain("s3cr3t");
        return e;
    }

    private static TransportException failure(HttpTransport transport, String host) {
        TransportException e = notSent(transport, host);
        assertThat(e.getMessage()).contains("refused to connect to " + host);
        return e;
    }

    @ParameterizedTest
    @CsvSource({
        "2130706433, loopback",
        "0177.0.0.1, loopback",
        "0x7f.0.0.1, loopback",
        "127.1, loopback",
        "127.0.1, loopback",
        "017700000001, loopback",
        "0x7f000001, loopback",
        "127.0.0.1., loopback",
        "127.000.000.001, loopback",
        "0, unspecified",
        "0.0.0.0, unspecified",
        "[::], unspecified",
        "[::1], loopback",
        "[::ffff:127.0.0.1], loopback",
        "[::ffff:7f00:1], loopback",
        "[0:0:0:0:0:ffff:127.0.0.1], loopback",
        "[::127.0.0.1], loopback",
        "[::ffff:0:7f00:1], loopback",
        "[64:ff9b::7f00:1], loopback",
        "[64:ff9b::127.0.0.1], loopback",
        "[2002:7f00:1::], loopback",
        "100.64.0.1, 100.64.0.0/10",
        "100.127.255.255, 100.64.0.0/10",
        "169.254.0.1, 169.254.0.0/16",
        "169.254.169.254, metadata",
        "[::ffff:169.254.169.254], metadata",
        "2852039166, metadata",
        "0251.0376.0251.0376, metadata",
        "[64:ff9b::a9fe:a9fe], metadata",
        "10.0.0.1, 10.0.0.0/8",
        "10.255.255.255, 10.0.0.0/8",
        "012.0.0.1, 10.0.0.0/8",
        "[::ffff:10.0.0.1], 10.0.0.0/8",
        "172.16.0.1, 172.16.0.0/12",
        "172.31.255.255, 172.16.0.0/12",
        "192.168.0.1, 192.168.0.0/16",
        "192.168.255.255, 192.168.0.0/16",
        "0300.0250.1, 192.168.0.0/16",
        "[fc00::1], fc00::/7",
        "[fdff:ffff::1], fc00::/7",
        "[fe80::1], fe80::/10",
        "[fe80::1%25lo], fe80::/10",
        "[febf:ffff::1], fe80::/10",
    })
    void internalAddressesInAnyNotationAreRefusedWithoutALookupOrAConnection(String host, String reason) {
        int connections = loopback.connections();
        int lookups = names.lookups();

        TransportException e = failure(guarded, host);

        assertThat(e.kind()).isEqualTo(Kind.BLOCKED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains(reason).contains("allowed_networks");
        assertThat(loopback.connections()).isEqualTo(connections);
        assertThat(names.lookups()).isEqualTo(lookups);
    }

    @Test
    void aNonStandardNotationNamesTheAddressItStandsFor() {
        assertThat(failure(guarded, "2130706433").getMessage())
                .contains("refused to connect to 2130706433 (127.0.0.1 in another notation)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "2130706433", "0x7f.0.0.1", "0177.0.0.1"})
    void allowedNetworksDoNotOpenANonStandardNotation(String host) {
        int connections = loopback.connections();

        TransportException e = notSent(openToLoopback, host);

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e.getMessage()).contains("host " + host + " (127.0.0.1 in another notation)")
                .contains("write it as 127.0.0.1");
        assertThat(loopback.connections()).isEqualTo(connections);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4294967296", "256.1.1.1", "1.2.3.4.5", "hooks.example.09"})
    void aHostThatEndsInANumberButIsNoAddressIsInvalidAndNamed(String host) {
        TransportException e = notSent(guarded, host);

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e.getMessage()).contains("host '" + host + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://herald.test:PORT#@127.0.0.1:PORT/", "http://herald.test:PORT?@127.0.0.1:PORT/",
        "http://127.0.0.1:PORT@herald.test:PORT/", "http://herald.test:PORT/?@127.0.0.1:PORT"})
    void theHostConnectedToIsTheHostJavaReadsNotALookalikeElsewhereInTheUrl(String template) {
        names.answer("herald.test", "10.0.0.1");
        int connections = loopback.connections();
        URI url = URI.create(template.replace("PORT", String.valueOf(loopback.port())));

        Throwable t = catchThrowable(() -> guarded.send(Requests.post("forms", url))
                .toCompletableFuture().get(10, TimeUnit.SECONDS));

        TransportException e = (TransportException) t.getCause();
        assertThat(e.kind()).isEqualTo(Kind.BLOCKED);
        assertThat(e.getMessage()).contains("refused to connect to herald.test").contains("10.0.0.1");
        assertThat(loopback.connections()).isEqualTo(connections);
    }

    @Test
    void theCountersSeeWhatTheGuardLetsThrough() throws Exception {
        int connections = loopback.connections();
        names.answer("receiver.test", "127.0.0.1");

        assertThat(openToLoopback.send(Requests.post("forms", loopback.url("/open")))
                .toCompletableFuture().get(10, TimeUnit.SECONDS)
                .status()).isEqualTo(200);
        assertThat(openToLoopback.send(Requests.post("forms-by-name",
                URI.create("http://receiver.test:" + loopback.port() + "/open")))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS)
                .status()).isEqualTo(200);

        assertThat(loopback.connections()).isGreaterThan(connections);
        assertThat(names.lookups("receiver.test")).isEqualTo(1);
        assertThat(loopback.hits("/open")).isEqualTo(2);
    }
}
