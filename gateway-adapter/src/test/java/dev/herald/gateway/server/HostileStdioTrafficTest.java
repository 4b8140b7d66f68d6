package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.engine.testing.TestReceiver;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed lines after {@code initialize}, in-process: each is answered with its JSON-RPC error, none ends the
 * session (the SDK's transport died on the first), and the next valid calls are served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileStdioTrafficTest {
    private final TestReceiver receiver = new TestReceiver();
    private HostedHerald herald;
    private PluginServer server;
    private StdioLines lines;

    /** One session for the tests that leave it open, as a gateway keeps its one session with a stdio plugin. */
    @BeforeAll
    void startShared() throws Exception {
        startAndInitialize();
    }

    private void stop() {
        if (lines != null) {
            lines.close();
        }
        if (server != null) {
            server.close();
        }
        if (herald != null) {
            herald.close();
        }
        lines = null;
        server = null;
        herald = null;
    }

    @AfterAll
    void closeAll() {
        stop();
        receiver.close();
    }

    private void startAndInitialize() throws Exception {
        herald = HostedHerald.start(receiver.url("/hook"), "s3cret", HostedHerald.FAST, Duration.ofSeconds(2));
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream();
        PipedInputStream fromServer = new PipedInputStream(serverOut, 1 << 16);
        server = PluginServer.stdio(List.of(herald.hosted), serverIn, serverOut).start();
        lines = new StdioLines(toServer, fromServer);
        assertThat(lines.request(StdioLines.initialize(1)).at("/result/serverInfo/name").asText())
                .isEqualTo("herald-plugin-server");
        lines.send(StdioLines.INITIALIZED);
    }

    static Stream<Arguments> malformedLines() {
        return Stream.of(
                Arguments.of("not JSON", "this is not json", -32700, null),
                Arguments.of("cut short", "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"", -32700, null),
                Arguments.of("trailing garbage", "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"} x", -32700,
                        null),
                Arguments.of("a duplicate key", "{\"jsonrpc\":\"2.0\",\"id\":5,\"id\":6,\"method\":\"tools/list\"}",
                        -32700, null),
                Arguments.of("an empty array", "[]", -32600, null),
                Arguments.of("a batch", "[" + StdioLines.toolsList(7) + "," + StdioLines.toolsList(8) + "]", -32600,
                        null),
                Arguments.of("a number", "42", -32600, null),
                Arguments.of("a string", "\"tools/list\"", -32600, null),
                Arguments.of("null", "null", -32600, null),
                Arguments.of("no method, result or error", "{\"jsonrpc\":\"2.0\",\"id\":9}", -32600, 9),
                Arguments.of("no method, string id", "{\"jsonrpc\":\"2.0\",\"id\":\"a-9\"}", -32600, "a-9"),
                Arguments.of("jsonrpc 1.0", "{\"jsonrpc\":\"1.0\",\"id\":10,\"method\":\"tools/list\"}", -32600, 10),
                Arguments.of("jsonrpc a number", "{\"jsonrpc\":2.0,\"id\":11,\"method\":\"tools/list\"}", -32600, 11),
                Arguments.of("no jsonrpc", "{\"id\":12,\"method\":\"tools/list\"}", -32600, 12),
                Arguments.of("an object id", "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"tools/list\"}", -32600,
                        null),
                Arguments.of("a method that is a number", "{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":42}", -32600, 13),
                Arguments.of("params an array", "{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"tools/list\","
                        + "\"params\":[1]}", -32600, 14),
                Arguments.of("an error that is a string", "{\"jsonrpc\":\"2.0\",\"id\":15,\"error\":\"x\"}", -32600,
                        15),
                Arguments.of("both result and error", "{\"jsonrpc\":\"2.0\",\"id\":16,\"result\":{},\"error\":"
                        + "{\"code\":1,\"message\":\"m\"}}", -32600, 16),
                Arguments.of("a null result (the SDK died on it)", "{\"jsonrpc\":\"2.0\",\"id\":20,\"result\":null}",
                        -32600, 20),
                Arguments.of("an unknown method", "{\"jsonrpc\":\"2.0\",\"id\":17,\"method\":\"no/such\"}", -32601,
                        17));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedLines")
    void aMalformedLineIsAnsweredWithItsErrorAndTheSessionGoesOn(String why, String line, int code, Object id)
            throws Exception {
        JsonNode answer = lines.request(line);

        assertThat(answer.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(answer.at("/error/code").asInt()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.at("/error/message").asText()).isNotBlank();
        assertThat(answer.get("id")).isEqualTo(GatewayCalls.tree(id));
        assertServesOn(100);
    }

    @Test
    void everyKindOfBadLineInOneSessionThenValidCallsAndTheEndOfInputEndsIt() throws Exception {
        stop();
        startAndInitialize();
        for (Arguments a : (Iterable<Arguments>) malformedLines()::iterator) {
            JsonNode answer = lines.request((String) a.get()[1]);
            assertThat(answer.at("/error/code").asInt()).as("%s: %s", a.get()[0], answer).isEqualTo(a.get()[2]);
        }
        // Invalid UTF-8, a blank line and a response nobody asked for: the first is answered, the others not.
        lines.send(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}', '\n'});
        assertThat(lines.next().at("/error/code").asInt()).isEqualTo(-32700);
        lines.send("   ");
        lines.send("{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{}}");
        // A request the SDK cannot read: it answered with Jackson's text.
        JsonNode unreadable = lines.request("{\"jsonrpc\":\"2.0\",\"id\":18,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":{\"not\":\"a string\"}}}");
        assertThat(unreadable.get("id").asInt()).isEqualTo(18);
        assertThat(unreadable.at("/error/code").asInt()).as(unreadable.toString()).isEqualTo(-32602);
        // One the SDK fails on in its own way: its error text is scrubbed on the way out.
        JsonNode failed = lines.request("{\"jsonrpc\":\"2.0\",\"id\":19,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"invoke_hook\",\"arguments\":{\"hook_type\":[1]},\"_meta\":{\"progressToken\":{}}}}");
        assertThat(failed.get("id").asInt()).isEqualTo(19);

        assertServesOn(100);
        lines.endInput();

        assertThat(server.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(lines.lines()).allSatisfy(l -> assertThat(l).doesNotContain(StdioLines.JAVA_INTERNALS));
        stop();
        startAndInitialize();
    }

    @Test
    void aLineOverTheLimitIsAnsweredWithoutBeingHeld() throws Exception {
        byte[] huge = new byte[8 * 1024 * 1024 + 10];
        java.util.Arrays.fill(huge, (byte) 'x');
        huge[huge.length - 1] = '\n';

        lines.send(huge);

        JsonNode answer = lines.next();
        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(answer.at("/error/message").asText()).contains("over");
        assertServesOn(100);
    }

    @Test
    void aMessageAndItsLineEndAsCarriageReturnLineFeedIsServed() throws Exception {

        lines.send((StdioLines.toolsList(3) + "\r\n").getBytes(StandardCharsets.UTF_8));

        assertThat(lines.next().at("/result/tools").size()).isEqualTo(3);
    }

    private void assertServesOn(int id) throws InterruptedException {
        JsonNode tools = lines.request(StdioLines.toolsList(id));
        assertThat(tools.get("id").asInt()).isEqualTo(id);
        assertThat(tools.at("/result/tools").size()).isEqualTo(3);
        JsonNode invoked = lines.request(StdioLines.invokeToolPreInvoke(id + 1));
        assertThat(invoked.get("id").asInt()).isEqualTo(id + 1);
        assertThat(GatewayCalls.parse(invoked.at("/result/content/0/text").asText()))
                .isEqualTo(GatewayCalls.parse(GatewayCalls.RESULT));
    }
}
