package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code herald serve}'s security settings as an operator gets them wrong: each bad one stops start-up with exit 2
 * and one line naming it, before anything is bound or any delivery store is opened. The config given has no
 * plugin, which loading would refuse with exit 1: exit 2 shows that serve stopped before it read the config.
 */
class ServeSecurityOptionsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int serve(Map<String, String> env, String... args) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "plugins: []\n");
        ServeCommand command = new ServeCommand();
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        command.env = env;
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return new CommandLine(command).execute(all);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String tls(String name) throws URISyntaxException {
        return Path.of(ServeSecurityOptionsTest.class.getResource("/tls/" + name).toURI()).toString();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void everyInterfaceWithoutTlsIsRefusedWithOneLineSayingHowToAllowIt() throws Exception {
        assertThat(serve(Map.of(), "--host", "0.0.0.0", "--port", "0")).isEqualTo(2);

        assertThat(err().lines()).singleElement().asString()
                .startsWith("serve: refusing to serve on 0.0.0.0 without TLS")
                .contains("PLUGINS_SERVER_SSL_ENABLED=true", "--insecure-bind-any");
    }

    @Test
    void theEnvironmentsHostIsCheckedToo() throws Exception {
        assertThat(serve(Map.of("PLUGINS_SERVER_HOST", "192.168.1.10"), "--port", "0")).isEqualTo(2);

        assertThat(err()).startsWith("serve: refusing to serve on 192.168.1.10 without TLS");
    }

    @Test
    void aBadTlsSettingIsExit2NamingTheVariableAndNothingIsBound() throws Exception {
        int port = freePort();
        Map<String, String> env = new HashMap<>(Map.of("PLUGINS_SERVER_SSL_ENABLED", "true",
                "PLUGINS_SERVER_SSL_KEYFILE", tls("server-encrypted.key"),
                "PLUGINS_SERVER_SSL_CERTFILE", tls("server.pem"), "PLUGINS_SERVER_SSL_CA_CERTS", tls("ca.pem"),
                "PLUGINS_SERVER_SSL_KEYFILE_PASSWORD", "not-the-password"));

        assertThat(serve(env, "--port", String.valueOf(port))).isEqualTo(2);

        assertThat(err().lines()).singleElement().asString()
                .startsWith("serve: PLUGINS_SERVER_SSL_KEYFILE_PASSWORD: wrong password").doesNotContain("not-the");
        assertThat(bindable(port)).isTrue();
    }

    @Test
    void aSocketAnotherServerListensOnIsExit2BeforeTheStoreIsOpened() throws Exception {
        Path socket = dir.resolve("live.sock");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(socket));

            assertThat(serve(Map.of("PLUGINS_SERVER_UDS", socket.toString()))).isEqualTo(2);
        }

        assertThat(err().lines()).containsExactly("serve: cannot serve on unix:" + socket
                + ": another server is listening on it");
    }

    @Test
    void aBadCertReqsIsExit2() throws Exception {
        Map<String, String> env = Map.of("PLUGINS_SERVER_SSL_ENABLED", "1",
                "PLUGINS_SERVER_SSL_KEYFILE", tls("server.key"), "PLUGINS_SERVER_SSL_CERTFILE", tls("server.pem"),
                "PLUGINS_SERVER_SSL_CERT_REQS", "required");

        assertThat(serve(env, "--port", "0")).isEqualTo(2);

        assertThat(err()).startsWith("serve: PLUGINS_SERVER_SSL_CERT_REQS: must be 0");
    }

    @Test
    void badOriginsUdsAndIdleTimeoutsAreExit2NamingTheirOption() throws Exception {
        assertThat(serve(Map.of(), "--allowed-origin", "evil.example/path")).isEqualTo(2);
        assertThat(serve(Map.of(), "--session-idle-timeout", "soon")).isEqualTo(2);
        assertThat(serve(Map.of("PLUGINS_SERVER_SESSION_IDLE_TIMEOUT", "-5"))).isEqualTo(2);
        assertThat(serve(Map.of("PLUGINS_SERVER_SSL_ENABLED", "true", "PLUGINS_SERVER_SSL_KEYFILE",
                tls("server.key"), "PLUGINS_SERVER_SSL_CERTFILE", tls("server.pem"), "PLUGINS_SERVER_SSL_CERT_REQS",
                "0"), "--uds", dir.resolve("s.sock").toString())).isEqualTo(2);

        assertThat(err().lines()).containsExactly(
                "serve: --allowed-origin: must be an origin such as https://gateway.example.com:8443"
                        + " (scheme://host[:port], no path), got 'evil.example/path'",
                "serve: --session-idle-timeout: must be a positive duration such as 300, 90s, 30m or 2h (seconds"
                        + " when no unit is given), got 'soon'",
                "serve: PLUGINS_SERVER_SESSION_IDLE_TIMEOUT: must be a positive duration such as 300, 90s, 30m or"
                        + " 2h (seconds when no unit is given), got '-5'",
                "serve: --uds: TLS is not used over a Unix domain socket; unset PLUGINS_SERVER_SSL_ENABLED or the"
                        + " socket");
    }
}
