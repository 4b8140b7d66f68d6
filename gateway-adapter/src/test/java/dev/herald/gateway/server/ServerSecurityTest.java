package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.gateway.server.TlsSettings.ClientAuth;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When serving on an address is refused, warned about, or fine. */
class ServerSecurityTest {
    private static final ServerSecurity PLAIN = ServerSecurity.defaults();
    private static final ServerSecurity INSECURE = new ServerSecurity(Set.of(), null, null, null, true);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"})
    void loopbackIsServedWithoutTlsOrWarning(String host) {
        assertThat(PLAIN.bindRefusal(host)).isEmpty();
        assertThat(INSECURE.bindWarning(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "plugin.internal", "localhost.evil.example"})
    void nonLoopbackWithoutTlsIsRefusedUnlessExplicitlyAllowedAndThenWarned(String host) {
        assertThat(PLAIN.bindRefusal(host)).get().asString().contains("--insecure-bind-any");
        assertThat(INSECURE.bindRefusal(host)).isEmpty();
        assertThat(INSECURE.bindWarning(host)).get().asString().startsWith("WARN serving on " + host);
        assertThat(PLAIN.bindWarning(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.168.1.10"})
    void nonLoopbackWithTlsIsServedWithoutWarning(String host) {
        ServerSecurity tls = new ServerSecurity(Set.of(), TestTls.server(ClientAuth.REQUIRED), null, null, true);

        assertThat(tls.bindRefusal(host)).isEmpty();
        assertThat(tls.bindWarning(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0"})
    void aUnixSocketBindsNoAddress(String host) {
        ServerSecurity uds = new ServerSecurity(Set.of(), null, Path.of("/tmp/x.sock"), null, false);

        assertThat(uds.bindRefusal(host)).isEmpty();
    }
}
