package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.engine.testing.TestReceiver;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests to {@code /mcp} and around it, from a real HTTP client to the server on a loopback port: each is
 * answered with its status and a small JSON-RPC error object (the SDK answered with 7 KB of serialised exception),
 * and the gateway's own client is served after them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileHttpTrafficTest {
    private static final String JSON_AND_SSE = "application/json, text/event-stream";
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    private final TestReceiver receiver = new TestReceiver();
    private final HttpClient http = HttpClient.newHttpClient();
    private HostedHerald herald;
    private PluginServer server;

    @BeforeAll
    void start() {
        herald = HostedHerald.start(receiver.url("/hook"), "s3cret", HostedHerald.FAST, Duration.ofSeconds(2));
        server = PluginServer.http(List.of(herald.hosted), "127.0.0.1", 0).start();
    }

    @AfterAll
    void stop() {
        server.close();
        herald.close();
        receiver.close();
    }

    private HttpRequest.Builder mcp() {
        return HttpRequest.newBuilder(server.mcpUri()).timeout(Duration.ofSeconds(15));
    }

    private static HttpRequest.Builder post(HttpRequest.Builder b, String body) {
        return b.header("Content-Type", "application/json").header("Accept", JSON_AND_SSE)
                .POST(BodyPublishers.ofString(body));
    }

    Stream<Arguments> hostileRequests() {
        String unknownSession = "0123456789abcdef";
        return Stream.of(
                Arguments.of("a body that is not JSON", post(mcp(), "not json"), 400, -32700),
                Arguments.of("an empty body", post(mcp(), ""), 400, -32700),
                Arguments.of("an empty array", post(mcp(), "[]"), 400, -32600),
                Arguments.of("a batch", post(mcp(), "[" + TOOLS_LIST + "," + TOOLS_LIST + "]"), 400, -32600),
                Arguments.of("no method", post(mcp(), "{\"jsonrpc\":\"2.0\",\"id\":3}"), 400, -32600),
                Arguments.of("jsonrpc 1.0", post(mcp(), "{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"tools/list\"}"),
                        400, -32600),
                Arguments.of("a number", post(mcp(), "42"), 400, -32600),
                Arguments.of("tools/call with arguments a list", post(mcp(), "{\"jsonrpc\":\"2.0\",\"id\":3,"
                        + "\"method\":\"tools/call\",\"params\":{\"name\":\"invoke_hook\",\"arguments\":[]}}"), 400,
                        -32602),
                Arguments.of("initialize with clientInfo a string", post(mcp(), "{\"jsonrpc\":\"2.0\",\"id\":3,"
                        + "\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"clientInfo\":"
                        + "\"g\"}}"), 400, -32602),
                Arguments.of("no Mcp-Session-Id", post(mcp(), TOOLS_LIST), 400, -32600),
                Arguments.of("an unknown Mcp-Session-Id", post(mcp().header("Mcp-Session-Id", unknownSession),
                        TOOLS_LIST), 404, -32001),
                Arguments.of("GET without an SSE Accept", mcp().GET(), 406, -32600),
                Arguments.of("GET with SSE, no session", mcp().header("Accept", "text/event-stream").GET(), 400,
                        -32600),
                Arguments.of("GET with SSE, an unknown session", mcp().header("Accept", "text/event-stream")
                        .header("Mcp-Session-Id", unknownSession).GET(), 404, -32001),
                Arguments.of("DELETE of an unknown session", mcp().header("Mcp-Session-Id", unknownSession)
                        .DELETE(), 404, -32001),
                Arguments.of("DELETE without a session", mcp().DELETE(), 400, -32600),
                Arguments.of("PUT", mcp().header("Content-Type", "application/json")
                        .PUT(BodyPublishers.ofString(TOOLS_LIST)), 405, -32600),
                Arguments.of("text/plain", mcp().header("Content-Type", "text/plain").header("Accept", JSON_AND_SSE)
                        .POST(BodyPublishers.ofString(TOOLS_LIST)), 415, -32600),
                Arguments.of("no Content-Type", mcp().header("Accept", JSON_AND_SSE)
                        .POST(BodyPublishers.ofString(TOOLS_LIST)), 415, -32600),
                Arguments.of("no Accept", mcp().header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString(TOOLS_LIST)), 406, -32600),
                Arguments.of("a declared body over the limit", mcp().header("Content-Type", "application/json")
                        .header("Accept", JSON_AND_SSE).POST(BodyPublishers.ofByteArray(
                                new byte[9 * 1024 * 1024])), 413, -32600),
                Arguments.of("a chunked body over the limit", mcp().header("Content-Type", "application/json")
                        .header("Accept", JSON_AND_SSE).POST(BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(new byte[9 * 1024 * 1024]))), 413, -32600),
                Arguments.of("a path that does not exist", HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/admin?token=x")).GET(), 404, -32600),
                Arguments.of("a foreign Origin", post(mcp().header("Origin", "https://evil.example"), TOOLS_LIST),
                        403, -32000),
                Arguments.of("a foreign Origin on a port of loopback's name", post(mcp().header("Origin",
                        "http://localhost.evil.example:8000"), TOOLS_LIST), 403, -32000),
                Arguments.of("POST to /health", HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/health")).POST(BodyPublishers.ofString("{}")), 405, -32600));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void aHostileRequestGetsItsStatusAndASmallJsonRpcError(String why, HttpRequest.Builder request, int status,
            int code) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertSmallJsonRpcError(response.headers().firstValue("Content-Type").orElse(""), response.body(), code);
        assertGatewayServed();
    }

    @Test
    void whatJettyCannotParseIsAnsweredInJsonToo() throws Exception {
        for (String raw : List.of("GARBAGE\r\n\r\n", "GET /mcp HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\n\r\n", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n")) {
            String answer = rawExchange(raw);
            int headersEnd = answer.indexOf("\r\n\r\n");
            assertThat(headersEnd).as(answer).isPositive();
            String head = answer.substring(0, headersEnd);
            String body = answer.substring(headersEnd + 4);
            assertThat(head).as(head).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
            String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:")).findFirst()
                    .map(l -> l.substring(13).strip()).orElse("");
            assertSmallJsonRpcError(contentType, body, -32600);
        }
        assertGatewayServed();
    }

    @Test
    void aRequestTheSdkCannotReadIsAnsweredWithoutJacksonsText() throws Exception {
        HttpResponse<String> init = http.send(post(mcp(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"g\","
                + "\"version\":\"1\"}}}").build(), HttpResponse.BodyHandlers.ofString());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        http.send(post(mcp().header("Mcp-Session-Id", session), "{\"jsonrpc\":\"2.0\",\"method\":"
                + "\"notifications/initialized\"}").build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> answer = http.send(post(mcp().header("Mcp-Session-Id", session), "{\"jsonrpc\":\"2.0\","
                + "\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":{\"not\":\"a string\"}}}").build(),
                HttpResponse.BodyHandlers.ofString());

        // The SDK answered an empty event stream: the gateway's client waited for its timeout.
        assertThat(answer.statusCode()).isEqualTo(400);
        assertSmallJsonRpcError(answer.headers().firstValue("Content-Type").orElse(""), answer.body(), -32602);
        assertThat(GatewayCalls.parse(answer.body()).get("id").asInt()).isEqualTo(5);
        assertThat(answer.body()).contains("params.name");

        // Params the check passes and the SDK fails on: its error, in the event stream, says nothing of Jackson.
        HttpResponse<String> level = http.send(post(mcp().header("Mcp-Session-Id", session), "{\"jsonrpc\":\"2.0\","
                + "\"id\":6,\"method\":\"logging/setLevel\",\"params\":{\"level\":{\"not\":\"a level\"}}}").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(level.statusCode()).isEqualTo(200);
        assertThat(level.body()).as(level.body()).contains("\"id\":6", "\"error\"")
                .doesNotContain(StdioLines.JAVA_INTERNALS).doesNotContain("deserialize");
    }

    private String rawExchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertSmallJsonRpcError(String contentType, String body, int code) {
        assertThat(contentType).startsWith("application/json");
        assertThat(body.length()).as(body).isLessThan(400);
        assertThat(body).doesNotContain(StdioLines.JAVA_INTERNALS).doesNotContain("token=x");
        JsonNode error = GatewayCalls.parse(body);
        assertThat(error.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(error.has("id")).isTrue();
        assertThat(error.at("/error/code").asInt()).as(body).isEqualTo(code);
        assertThat(error.at("/error/message").asText()).isNotBlank();
        assertThat(error.get("error").size()).isEqualTo(2);
        Iterator<String> names = error.fieldNames();
        assertThat(names).toIterable().containsExactlyInAnyOrder("jsonrpc", "id", "error");
    }

    /** The gateway's client, after the hostile traffic: initialize, tools/list and a hook are served. */
    private void assertGatewayServed() {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:"
                + server.port()).endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(10)).build();
        try {
            client.initialize();
            assertThat(client.listTools().tools()).hasSize(3);
            assertThat(GatewayCalls.invoke(client, "tool_pre_invoke", Map.of("name", "search", "args", Map.of())))
                    .isEqualTo(GatewayCalls.parse(GatewayCalls.RESULT));
        } finally {
            client.closeGracefully();
        }
    }
}
