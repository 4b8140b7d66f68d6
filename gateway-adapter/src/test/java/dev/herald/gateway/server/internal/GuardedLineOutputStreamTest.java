package dev.herald.gateway.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GuardedLineOutputStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoWritersNeverCutIntoEachOthersLines() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        GuardedLineOutputStream out = new GuardedLineOutputStream(sink);
        byte[] mine = new JsonRpcError(null, JsonRpcError.PARSE_ERROR, "parse error").toJson();

        // The SDK's way: the message in pieces, then its newline, then a flush.
        CompletableFuture<Void> sdk = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 2000; i++) {
                byte[] msg = ("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"result\":{\"tools\":[]}}")
                        .getBytes(StandardCharsets.UTF_8);
                try {
                    out.write(msg, 0, 10);
                    out.flush();
                    out.write(msg, 10, msg.length - 10);
                    out.write('\n');
                    out.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        for (int i = 0; i < 2000; i++) {
            out.writeLine(mine);
        }
        sdk.get();

        List<String> lines = sink.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4000);
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("jsonrpc").asText()).isEqualTo("2.0");
        }
    }

    @Test
    void anSdkErrorMadeOfAnExceptionsTextIsScrubbed() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        GuardedLineOutputStream out = new GuardedLineOutputStream(sink);

        out.write(("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32602,\"message\":\"Cannot deserialize value of"
                + " type `java.lang.String` (through reference chain: io.modelcontextprotocol.spec.McpSchema$X)\","
                + "\"data\":\"java.lang.IllegalArgumentException\\n\\tat dev.herald.X\"}}\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write("{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32601,\"message\":\"Method not found: x\"}}\n"
                .getBytes(StandardCharsets.UTF_8));

        List<String> lines = sink.toString(StandardCharsets.UTF_8).lines().toList();
        JsonNode scrubbed = JSON.readTree(lines.get(0));
        assertThat(scrubbed.get("id").asInt()).isEqualTo(4);
        assertThat(scrubbed.get("error")).isEqualTo(JSON.readTree("{\"code\":-32602,\"message\":\"invalid params\"}"));
        assertThat(JSON.readTree(lines.get(1)).at("/error/message").asText()).isEqualTo("Method not found: x");
    }
}
