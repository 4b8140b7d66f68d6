package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.engine.testing.TestReceiver;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streamable HTTP on a Unix domain socket ({@code PLUGINS_SERVER_UDS}, {@code --uds}), called by a client writing
 * HTTP/1.1 on the socket as the gateway's httpx does: owner-only, a stale file replaced, a live one left alone.
 */
class PluginServerUnixSocketTest {
    private static TestReceiver receiver;
    private static HostedHerald herald;

    @TempDir
    Path dir;

    private PluginServer server;

    @BeforeAll
    static void startHerald() {
        receiver = new TestReceiver();
        herald = HostedHerald.start(receiver.url("/hook"), "s3cret", HostedHerald.FAST, Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopHerald() {
        herald.close();
        receiver.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private PluginServer serveOn(Path socket) {
        return PluginServer.http(List.of(herald.hosted), "127.0.0.1", 0,
                new ServerSecurity(Set.of(), null, socket, null, false));
    }

    private static void assertServesMcp(Path socket) {
        RawMcp raw = RawMcp.unix(socket);
        String session = raw.initialize(Map.of());
        RawMcp.Response tools = raw.post(RawMcp.TOOLS_LIST, Map.of("Mcp-Session-Id", session));
        assertThat(tools.status()).isEqualTo(200);
        assertThat(tools.body()).contains("get_plugin_configs", "get_plugin_config", "invoke_hook");
    }

    @Test
    void servesMcpOnTheSocketOwnerOnlyAndRemovesItAtStop() throws Exception {
        Path socket = dir.resolve("herald.sock");
        server = serveOn(socket).start();

        assertServesMcp(socket);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(server.describeEndpoint()).isEqualTo("unix:" + socket + " (http://localhost/mcp)");
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);

        server.close();

        assertThat(socket).doesNotExist();
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path socket = dir.resolve("stale.sock");
        // A server that died without removing its socket: the file is there, nobody listens.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();

        server = serveOn(socket).start();

        assertServesMcp(socket);
    }

    @Test
    void aSocketAnotherServerListensOnIsRefusedAndLeftAlone() throws Exception {
        Path socket = dir.resolve("live.sock");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(socket));

            PluginServer refused = serveOn(socket);
            assertThatThrownBy(refused::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot serve on unix:" + socket + ": another server is listening on it");

            assertThat(socket).exists();
            try (var client = java.nio.channels.SocketChannel.open(StandardProtocolFamily.UNIX)) {
                assertThat(client.connect(UnixDomainSocketAddress.of(socket))).isTrue();
            }
        }
    }

    @Test
    void aPathThatIsNotASocketIsRefusedAndLeftAlone() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");

        assertThatThrownBy(serveOn(file)::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot serve on unix:" + file + ": it exists and is not a socket");

        assertThat(file).hasContent("keep me");
    }

    @Test
    void theSocketComesFromTheVariableOrTheOption() {
        ServerSecurity fromEnv = ServerSecurity.fromEnvironment(Map.of(ServerSecurity.UDS_VARIABLE,
                "/run/herald.sock"), List.of(), null, null, false);
        ServerSecurity fromOption = ServerSecurity.fromEnvironment(Map.of(ServerSecurity.UDS_VARIABLE,
                "/run/herald.sock"), List.of(), "/tmp/cli.sock", null, false);

        assertThat(fromEnv.unixSocket()).isEqualTo(Path.of("/run/herald.sock"));
        assertThat(fromOption.unixSocket()).isEqualTo(Path.of("/tmp/cli.sock"));
    }
}
