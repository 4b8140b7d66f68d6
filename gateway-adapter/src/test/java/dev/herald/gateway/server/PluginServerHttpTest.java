package dev.herald.gateway.server;

import static dev.herald.gateway.server.GatewayCalls.assertErrorEnvelope;
import static dev.herald.gateway.server.GatewayCalls.call;
import static dev.herald.gateway.server.GatewayCalls.context;
import static dev.herald.gateway.server.GatewayCalls.invoke;
import static dev.herald.gateway.server.GatewayCalls.invokeArgs;
import static dev.herald.gateway.server.GatewayCalls.parse;
import static dev.herald.gateway.server.GatewayCalls.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.auth.SeedHmacVerifier;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Received;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The plugin server over streamable HTTP, called by the SDK's real client, delivering to a real receiver. */
class PluginServerHttpTest {
    private static final String SECRET = "gateway-s3cret";

    private final TestReceiver receiver = new TestReceiver();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        // Clients first, then servers, then Herald, then the receiver: the reverse of start-up.
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        receiver.close();
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private HostedHerald herald(String url, RetryPolicy retry, Duration closeTimeout) {
        return open(HostedHerald.start(url, SECRET, retry, closeTimeout));
    }

    private HostedHerald herald() {
        return herald(receiver.url("/hook"), HostedHerald.FAST, Duration.ofSeconds(5));
    }

    private PluginServer serve(HostedHerald herald) {
        return open(PluginServer.http(List.of(herald.hosted), "127.0.0.1", 0).start());
    }

    private McpSyncClient client(HttpClientStreamableHttpTransport transport) {
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
        // Gracefully: a plain close ends the session in the background, racing the server's own close.
        open(client::closeGracefully);
        return client;
    }

    private McpSyncClient connect(PluginServer server) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + server.port()).endpoint("/mcp").build();
        McpSyncClient client = client(transport);
        client.initialize();
        return client;
    }

    private McpSyncClient connect() {
        return connect(serve(herald()));
    }

    @Test
    void initializeThenListsTheThreeToolsWithoutOutputSchema() {
        PluginServer server = serve(herald());
        assertThat(server.mcpUri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/mcp"));
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + server.port()).endpoint("/mcp").build();
        McpSyncClient client = client(transport);

        InitializeResult init = client.initialize();
        List<Tool> tools = client.listTools().tools();

        assertThat(init.serverInfo().name()).isEqualTo("herald-plugin-server");
        assertThat(init.capabilities().tools()).isNotNull();
        assertThat(tools).extracting(Tool::name)
                .containsExactlyInAnyOrder("get_plugin_configs", "get_plugin_config", "invoke_hook");
        assertThat(tools).allSatisfy(t -> assertThat(t.outputSchema()).isNull());
        Tool invokeHook = tools.stream().filter(t -> t.name().equals("invoke_hook")).findFirst().orElseThrow();
        assertThat(tree(invokeHook.inputSchema()).get("required")).isEqualTo(tree(List.of("hook_type",
                "plugin_name", "payload", "context")));
        Tool getConfig = tools.stream().filter(t -> t.name().equals("get_plugin_config")).findFirst().orElseThrow();
        assertThat(tree(getConfig.inputSchema()).get("required")).isEqualTo(tree(List.of("name")));
    }

    @Test
    void getPluginConfigMatchesTheNameCaseInsensitivelyAndAnswersTheEntry() {
        McpSyncClient client = connect();

        JsonNode entry = call(client, "get_plugin_config", Map.of("name", "webhookNOTIFICATION"));

        assertThat(entry).isEqualTo(tree(HostedHerald.configEntry(receiver.url("/hook"))));
        assertThat(entry.get("applied_to").isNull()).isTrue();
    }

    @Test
    void getPluginConfigOfAnUnknownNameAnswersAnEmptyObject() {
        McpSyncClient client = connect();

        assertThat(call(client, "get_plugin_config", Map.of("name", "NoSuchPlugin"))).isEqualTo(parse("{}"));
    }

    @Test
    void getPluginConfigsListsEveryEntry() {
        McpSyncClient client = connect();

        assertThat(call(client, "get_plugin_configs", Map.of()))
                .isEqualTo(tree(List.of(HostedHerald.configEntry(receiver.url("/hook")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.herald.gateway.server.GatewayCalls#sixHooks")
    void everyHookAnswersTheResultWithItsNulls(String hookType, Map<String, Object> payload) {
        McpSyncClient client = connect();

        assertThat(invoke(client, hookType, payload)).isEqualTo(parse(GatewayCalls.RESULT));
    }

    @Test
    void aFailedToolReachesTheReceiverAsASignedToolError() throws Exception {
        McpSyncClient client = connect();

        JsonNode answer = invoke(client, "tool_post_invoke", GatewayCalls.failedToolPayload());

        assertThat(answer).isEqualTo(parse(GatewayCalls.RESULT));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/hook").size() == 1);
        Received got = receiver.received("/hook").get(0);
        SeedHmacVerifier.of(SECRET).verify(got.headers(), got.body());
        JsonNode body = parse(got.text());
        assertThat(body.get("event").asText()).isEqualTo("tool_error");
        assertThat(body.at("/metadata/error").asText()).isEqualTo("boom");
        assertThat(body.at("/metadata/tool_name").asText()).isEqualTo("search");
        assertThat(body.get("user").asText()).isEqualTo("alice");
        assertThat(body.get("tenant_id").asText()).isEqualTo("acme");
        assertThat(body.get("server_id").asText()).isEqualTo("srv-1");
        assertThat(body.get("request_id").asText()).isEqualTo("r1");
    }

    static Stream<Arguments> badCalls() {
        Map<String, Object> payload = GatewayCalls.failedToolPayload();
        String name = HostedHerald.PLUGIN_NAME;
        return Stream.of(
                Arguments.of("payload missing", invokeArgs("tool_post_invoke", name, null, context()), name,
                        "INVALID_ARGUMENTS"),
                Arguments.of("hook_type a number", GatewayCalls.with(invokeArgs(null, name, payload,
                        context()), "hook_type", 42), name, "INVALID_ARGUMENTS"),
                Arguments.of("context a string", invokeArgs("tool_post_invoke", name, payload, "ctx"), name,
                        "INVALID_ARGUMENTS"),
                Arguments.of("plugin_name missing", invokeArgs("tool_post_invoke", null, payload, context()), "",
                        "INVALID_ARGUMENTS"),
                Arguments.of("no arguments", Map.of(), "", "INVALID_ARGUMENTS"),
                Arguments.of("unknown hook_type", invokeArgs("agent_pre_invoke", name, payload, context()), name,
                        "UNKNOWN_HOOK_TYPE"),
                Arguments.of("unknown plugin_name", invokeArgs("tool_post_invoke", "Other", payload, context()),
                        "Other", "UNKNOWN_PLUGIN"),
                Arguments.of("payload of the wrong shape", invokeArgs("tool_post_invoke", name,
                        Map.of("name", Map.of("not", "a string")), context()), name, "INVALID_HOOK_INPUT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void aCallThatCannotBeServedAnswersTheErrorEnvelopeAndTheServerGoesOn(String why, Map<String, Object> args,
            String pluginName, String code) {
        McpSyncClient client = connect();

        assertErrorEnvelope(call(client, "invoke_hook", args), pluginName, code);

        assertThat(invoke(client, "tool_pre_invoke", Map.of("name", "search", "args", Map.of())))
                .isEqualTo(parse(GatewayCalls.RESULT));
    }

    @Test
    void theHookAnswersWhileDeliveriesToADeadEndpointArePending() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        // Long backoff: the first retry comes 10 s after the refused attempt, long after the assertions.
        RetryPolicy patient = RetryPolicy.builder().retryAttempts(3).baseDelay(Duration.ofSeconds(10))
                .maxDelay(Duration.ofSeconds(60)).build();
        HostedHerald herald = herald("http://127.0.0.1:" + closedPort + "/hook", patient, Duration.ZERO);
        McpSyncClient client = connect(serve(herald));

        JsonNode answer = invoke(client, "tool_post_invoke", GatewayCalls.failedToolPayload());

        assertThat(answer).isEqualTo(parse(GatewayCalls.RESULT));
        assertThat(herald.herald.dispatcher().stats().outstanding()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> herald.herald.dispatcher().stats().attempts() >= 1);
        assertThat(herald.herald.dispatcher().stats().outstanding()).isEqualTo(1);
        assertThat(herald.herald.dispatcher().stats().deliveriesFailed()).isZero();
    }

    @Test
    void healthAnswers200Healthy() throws Exception {
        PluginServer server = serve(herald());
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        assertThat(parse(response.body())).isEqualTo(parse("{\"status\":\"healthy\"}"));
    }

    @Test
    void closeStopsAcceptingAndReleasesThePort() throws Exception {
        HostedHerald herald = herald();
        PluginServer server = PluginServer.http(List.of(herald.hosted), "127.0.0.1", 0).start();
        int port = server.port();
        HttpClient http = HttpClient.newHttpClient();
        // A live session, which close must end too. Opened by hand: the SDK's client would complain, loudly, that
        // it cannot end a session whose server is gone.
        HttpResponse<String> initialized = http.send(HttpRequest.newBuilder(server.mcpUri())
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\":"
                        + " \"initialize\", \"params\": {\"protocolVersion\": \"2025-06-18\", \"capabilities\": {},"
                        + " \"clientInfo\": {\"name\": \"gateway\", \"version\": \"1\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(initialized.statusCode()).isEqualTo(200);
        assertThat(initialized.headers().firstValue("mcp-session-id")).isPresent();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();

        server.close();

        assertThatThrownBy(() -> http.send(health, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
        try (PluginServer again = PluginServer.http(List.of(herald.hosted), "127.0.0.1", port).start()) {
            assertThat(again.port()).isEqualTo(port);
        }
        assertThat(server.awaitTermination(Duration.ZERO)).isTrue();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }
}
