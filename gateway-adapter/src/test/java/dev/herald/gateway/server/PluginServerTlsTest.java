package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.gateway.server.TlsSettings.ClientAuth;
import dev.herald.engine.testing.TestReceiver;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin server with TLS and client certificates, as the gateway secures an external plugin
 * ({@code PLUGINS_SERVER_SSL_*}), called by a real TLS client: java.net.http, and the MCP SDK's client over it.
 */
class PluginServerTlsTest {
    private static TestReceiver receiver;
    private static HostedHerald herald;
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

    private URI serve(ClientAuth clientAuth) {
        server = PluginServer.http(List.of(herald.hosted), "127.0.0.1", 0,
                new ServerSecurity(Set.of(), TestTls.server(clientAuth), null, null, false)).start();
        assertThat(server.mcpUri().getScheme()).isEqualTo("https");
        return URI.create("https://localhost:" + server.port() + "/mcp");
    }

    private static HttpResponse<String> get(URI uri, SSLContext context) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(uri.resolve("/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> initializeAndListTools(URI mcp, SSLContext context) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("https://localhost:" + mcp.getPort()).endpoint("/mcp")
                .clientBuilder(HttpClient.newBuilder().sslContext(context)).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
        try {
            client.initialize();
            return client.listTools().tools().stream().map(Tool::name).toList();
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void requiredByDefaultAClientWithoutACertificateIsRefused() throws Exception {
        URI mcp = serve(ClientAuth.REQUIRED);

        assertThatThrownBy(() -> get(mcp, TestTls.client(null))).isInstanceOf(IOException.class);
    }

    @Test
    void requiredAClientWithACertificateFromTheCaInitializesAndListsTools() throws Exception {
        URI mcp = serve(ClientAuth.REQUIRED);

        assertThat(initializeAndListTools(mcp, TestTls.client("client")))
                .containsExactlyInAnyOrder("get_plugin_configs", "get_plugin_config", "invoke_hook");
        assertThat(get(mcp, TestTls.client("client")).statusCode()).isEqualTo(200);
    }

    @Test
    void requiredACertificateFromAnotherCaIsRefused() throws Exception {
        URI mcp = serve(ClientAuth.REQUIRED);

        assertThatThrownBy(() -> get(mcp, TestTls.client("other-client"))).isInstanceOf(IOException.class);
    }

    @Test
    void noneAClientWithoutACertificateIsServed() throws Exception {
        URI mcp = serve(ClientAuth.NONE);

        assertThat(initializeAndListTools(mcp, TestTls.client(null))).contains("invoke_hook");
    }

    @Test
    void optionalServesAClientWithoutACertificateButRefusesOneFromAnotherCa() throws Exception {
        URI mcp = serve(ClientAuth.OPTIONAL);

        assertThat(get(mcp, TestTls.client(null)).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> get(mcp, TestTls.client("other-client"))).isInstanceOf(IOException.class);
    }

    @Test
    void plainHttpToTheTlsPortGetsNoMcpAnswer() throws Exception {
        URI mcp = serve(ClientAuth.NONE);
        HttpClient plain = HttpClient.newHttpClient();

        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + mcp.getPort() + "/health"))
                .timeout(Duration.ofSeconds(5)).build();
        // Jetty answers a plain request on a TLS port with a 400 (or drops it); never with the health check.
        try {
            assertThat(plain.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isNotEqualTo(200);
        } catch (IOException dropped) {
            assertThat(dropped).isNotNull();
        }
    }
}
