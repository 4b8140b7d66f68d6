package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import dev.herald.transport.http.testing.NoLeaks;
import dev.herald.transport.http.testing.Requests;
import dev.herald.transport.http.testing.ScriptedNames;
import dev.herald.transport.http.testing.TestReceiver;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A name whose answer changes from one lookup to the next, as an attacker's DNS server with a zero TTL makes it:
 * Herald checks the answer of the very lookup it connects with, so a name that passed once gains nothing by
 * pointing inward afterwards. The allowed ("public") receiver stands on 127.0.0.2 and closes every connection, so
 * that each request connects, and looks the name up, anew; the internal one listens on 127.0.0.1 on the same
 * port and counts every connection it accepts.
 */
@ExtendWith(NoLeaks.class)
class DnsRebindingTest {
    private static final String NAME = "rebinding.test";

    private final TestReceiver internal = TestReceiver.answering(200);
    private final TestReceiver allowed = TestReceiver.startOn("127.0.0.2", internal.port(),
            (req, res) -> res.status(200).header("Connection", "close").send());
    private final ScriptedNames names = new ScriptedNames();
    private final HttpTransport transport = new HttpTransport(
            HttpTransportConfig.builder().allowNetwork("127.0.0.2/32").build(), loops -> names);

    @AfterEach
    void stop() {
        transport.close();
        allowed.close();
        internal.close();
    }

    private Object send() {
        URI url = URI.create("http://" + NAME + ":" + internal.port() + "/hook");
        try {
            return transport.send(Requests.post("rebinding", url))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).status();
        } catch (Exception e) {
            return e.getCause();
        }
    }

    @Test
    void aNameThatTurnsInwardAfterAnAllowedAnswerIsRefusedAtTheNextConnection() {
        names.script(NAME, n -> n % 2 == 1 ? List.of("127.0.0.2") : List.of("127.0.0.1"));

        for (int i = 1; i <= 6; i++) {
            Object result = send();
            if (i % 2 == 1) {
                assertThat(result).as("request %d, after an allowed answer", i).isEqualTo(200);
            } else {
                assertThat(result).as("request %d, after an inward answer", i).isInstanceOf(TransportException.class);
                TransportException e = (TransportException) result;
                assertThat(e.kind()).isEqualTo(Kind.BLOCKED);
                assertThat(e.getMessage()).contains(NAME).contains("127.0.0.1").contains("loopback");
            }
        }

        assertThat(names.lookups(NAME)).isEqualTo(6);
        assertThat(allowed.hits("/hook")).isEqualTo(3);
        assertThat(internal.connections()).isZero();
    }

    @Test
    void aNameAnsweringInwardAndOutwardAddressesConnectsOnlyOutward() {
        names.answer(NAME, "127.0.0.1", "127.0.0.2", "169.254.169.254");

        assertThat(send()).isEqualTo(200);
        assertThat(send()).isEqualTo(200);

        assertThat(allowed.hits("/hook")).isEqualTo(2);
        assertThat(internal.connections()).isZero();
    }

    @Test
    void theInternalReceiverIsReachableWhenTheNameSaysSoAndTheGuardAllowsIt() throws Exception {
        // The control: the same name and port do reach the internal receiver once its address is allowed.
        names.answer(NAME, "127.0.0.1");
        try (HttpTransport open = new HttpTransport(
                HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build(), loops -> names)) {
            assertThat(open.send(Requests.post("rebinding",
                    URI.create("http://" + NAME + ":" + internal.port() + "/hook")))
                            .toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .status()).isEqualTo(200);
        }
        assertThat(internal.connections()).isEqualTo(1);
    }
}
