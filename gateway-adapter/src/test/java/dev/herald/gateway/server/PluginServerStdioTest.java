package dev.herald.gateway.server;

import org.junit.jupiter.api.Tag;
import static dev.herald.gateway.server.GatewayCalls.assertErrorEnvelope;
import static dev.herald.gateway.server.GatewayCalls.call;
import static dev.herald.gateway.server.GatewayCalls.context;
import static dev.herald.gateway.server.GatewayCalls.invoke;
import static dev.herald.gateway.server.GatewayCalls.invokeArgs;
import static dev.herald.gateway.server.GatewayCalls.parse;
import static dev.herald.gateway.server.GatewayCalls.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.auth.SeedHmacVerifier;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Received;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** The plugin server over stdio, in its own process launched by the SDK's client, as the gateway launches it. */
@Tag("slow")
class PluginServerStdioTest {
    private static final String SECRET = "stdio-s3cret";

    private final TestReceiver receiver = new TestReceiver();
    private McpSyncClient client;
    private Process process;

    @AfterEach
    void stop() {
        if (client != null) {
            client.closeGracefully();
        }
        if (process != null) {
            process.destroyForcibly();
        }
        receiver.close();
    }

    private List<String> command() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), TestStdioMain.class.getName(), receiver.url("/hook"), SECRET);
    }

    @Test
    void theGatewaysCallsOverStdio() throws Exception {
        List<String> command = command();
        ServerParameters params = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .build();
        StdioClientTransport transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(
                new ObjectMapper()));
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(15))
                .initializationTimeout(Duration.ofSeconds(30)).build();
        client.initialize();

        List<Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(Tool::name)
                .containsExactlyInAnyOrder("get_plugin_configs", "get_plugin_config", "invoke_hook");
        assertThat(tools).allSatisfy(t -> assertThat(t.outputSchema()).isNull());

        JsonNode entry = tree(HostedHerald.configEntry(receiver.url("/hook")));
        assertThat(call(client, "get_plugin_config", Map.of("name", "WEBHOOKNOTIFICATION"))).isEqualTo(entry);
        assertThat(call(client, "get_plugin_config", Map.of("name", "Nobody"))).isEqualTo(parse("{}"));
        assertThat(call(client, "get_plugin_configs", Map.of())).isEqualTo(tree(List.of(entry)));

        for (Arguments hook : (Iterable<Arguments>) GatewayCalls.sixHooks()::iterator) {
            Object[] a = hook.get();
            assertThat(invoke(client, (String) a[0], a[1])).as("%s", a[0]).isEqualTo(parse(GatewayCalls.RESULT));
        }
        assertErrorEnvelope(call(client, "invoke_hook", invokeArgs("no_such_hook", HostedHerald.PLUGIN_NAME,
                Map.of(), context())), HostedHerald.PLUGIN_NAME, "UNKNOWN_HOOK_TYPE");

        assertThat(invoke(client, "tool_post_invoke", GatewayCalls.failedToolPayload()))
                .isEqualTo(parse(GatewayCalls.RESULT));
        await().atMost(Duration.ofSeconds(15)).until(() -> errors().size() == 1);
        Received got = errors().get(0);
        SeedHmacVerifier.of(SECRET).verify(got.headers(), got.body());
        JsonNode body = parse(got.text());
        assertThat(body.at("/metadata/error").asText()).isEqualTo("boom");
        assertThat(body.get("user").asText()).isEqualTo("alice");
        assertThat(body.get("tenant_id").asText()).isEqualTo("acme");
        assertThat(body.get("server_id").asText()).isEqualTo("srv-1");
    }

    /** The tool_error deliveries among the hook events the receiver got. */
    private List<Received> errors() {
        return receiver.received("/hook").stream().filter(r -> parse(r.text()).get("event").asText()
                .equals("tool_error")).toList();
    }

    @Test
    void theProcessEndsCleanlyWhenStdinClosesAndWritesNothingButTheProtocolToStdout() throws Exception {
        process = new ProcessBuilder(command()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                process.getInputStream().transferTo(out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toByteArray();
        });

        process.getOutputStream().close();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(stdout.get(5, TimeUnit.SECONDS)).isEmpty();
    }

}
