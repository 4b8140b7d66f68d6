package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.engine.testing.TestReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the MCP transport spec asks of a server against web pages: a foreign {@code Origin}, or a rebinding page's
 * {@code Host} on a loopback server, gets 403 and a small JSON-RPC error; loopback, allowed and absent origins are
 * served. Each request is written by hand, as a browser would send it.
 */
class PluginServerOriginTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestReceiver receiver;
    private static HostedHerald herald;
    private static PluginServer server;

    @BeforeAll
    static void start() {
        receiver = new TestReceiver();
        herald = HostedHerald.start(receiver.url("/hook"), "s3cret", HostedHerald.FAST, Duration.ofSeconds(2));
        server = PluginServer.http(List.of(herald.hosted), "127.0.0.1", 0, new ServerSecurity(
                Set.of("https://gateway.example.com:8443"), null, null, null, false)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        herald.close();
        receiver.close();
    }

    private RawMcp.Response initializeWith(Map<String, String> headers) {
        return RawMcp.tcp(server.port()).post(RawMcp.INITIALIZE, headers);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "http://evil.example:8000", "null",
            "https://gateway.example.com", "http://gateway.example.com:8443", "https://gateway.example.com:8443/x",
            "http://localhost.evil.example", "http://127.0.0.1.nip.io", "file://", "not an origin"})
    void aForeignOriginGets403AndAJsonRpcErrorWithoutReachingTheServer(String origin) throws Exception {
        RawMcp.Response r = initializeWith(Map.of("Origin", origin));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.sessionId()).isNull();
        assertThat(r.headers().get("content-type")).startsWith("application/json");
        assertThat(r.body().length()).isLessThan(300);
        JsonNode error = JSON.readTree(r.body());
        assertThat(error.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(error.get("id").isNull()).isTrue();
        assertThat(error.at("/error/message").asText()).startsWith("Origin not allowed");
        assertThat(error.at("/error/message").asText()).doesNotContain(origin);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:3000", "https://localhost", "http://127.0.0.1:8000", "http://[::1]:9",
            "HTTP://LOCALHOST:1", "https://gateway.example.com:8443", "HTTPS://Gateway.Example.com:8443"})
    void aLoopbackOrAllowedOriginIsServed(String origin) {
        RawMcp.Response r = initializeWith(Map.of("Origin", origin));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.sessionId()).isNotBlank();
    }

    @Test
    void noOriginIsServedAndTheSessionWorks() {
        RawMcp raw = RawMcp.tcp(server.port());
        String session = raw.initialize(Map.of());

        RawMcp.Response tools = raw.post(RawMcp.TOOLS_LIST, Map.of("Mcp-Session-Id", session));

        assertThat(tools.status()).isEqualTo(200);
        assertThat(tools.body()).contains("get_plugin_configs", "invoke_hook");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8000", "attacker.test", "10.0.0.1", "[2001:db8::1]:80"})
    void aRebindingHostOnALoopbackServerGets403(String host) throws Exception {
        RawMcp.Response r = initializeWith(Map.of("Host", host));

        assertThat(r.status()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).at("/error/message").asText()).startsWith("Host not allowed");
        assertThat(r.sessionId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"})
    void aLoopbackHostIsServed(String host) {
        assertThat(initializeWith(Map.of("Host", host)).status()).isEqualTo(200);
    }

    @Test
    void aForeignOriginIsRefusedAlsoOnAnEstablishedSession() {
        RawMcp raw = RawMcp.tcp(server.port());
        String session = raw.initialize(Map.of());

        RawMcp.Response r = raw.post(RawMcp.TOOLS_LIST, Map.of("Mcp-Session-Id", session,
                "Origin", "https://evil.example"));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("get_plugin_configs");
    }

    @Test
    void allowedOriginsComeFromTheVariableAndTheOptionAndABadOneIsNamed() {
        ServerSecurity s = ServerSecurity.fromEnvironment(Map.of(ServerSecurity.ALLOWED_ORIGINS_VARIABLE,
                " https://a.example , http://b.example:8080,"), List.of("HTTPS://C.example:9443"), null, null, false);

        assertThat(s.allowedOrigins()).containsExactlyInAnyOrder("https://a.example", "http://b.example:8080",
                "https://c.example:9443");
        assertThatThrownBy(() -> ServerSecurity.fromEnvironment(Map.of(ServerSecurity.ALLOWED_ORIGINS_VARIABLE,
                "https://a.example/path"), List.of(), null, null, false))
                .hasMessageStartingWith("PLUGINS_SERVER_ALLOWED_ORIGINS: must be an origin");
        assertThatThrownBy(() -> ServerSecurity.fromEnvironment(Map.of(), List.of("gateway.example.com"), null, null,
                false)).hasMessageStartingWith("--allowed-origin: must be an origin");
    }
}
