package dev.herald.gateway.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.InitializeRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Messages built from every kind of member value, whole, cut short or with garbage after them: the check never
 * throws, answers only the standard codes, and whatever it passes the SDK reads (its stdio transport died on what
 * it could not read), params of the methods the server serves included.
 */
class JsonRpcMessageCheckPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final McpJsonMapper MCP = new JacksonMcpJsonMapper(JSON);
    private static final String ABSENT = "";
    private static final List<String> PARAMS = List.of(ABSENT, "{}", "[]", "\"x\"", "null", "{\"a\":1}",
            "{\"name\":\"invoke_hook\",\"arguments\":{}}", "{\"name\":{}}", "{\"name\":3}", "{\"name\":null}",
            "{\"name\":\"x\",\"arguments\":[]}", "{\"name\":\"x\",\"arguments\":null}",
            "{\"protocolVersion\":\"2025-06-18\",\"clientInfo\":{\"name\":\"g\",\"version\":\"1\"},"
                    + "\"capabilities\":{}}", "{\"clientInfo\":\"g\"}", "{\"protocolVersion\":{}}",
            "{\"clientInfo\":{\"name\":[]}}", "{\"capabilities\":[]}", "{\"_meta\":3}", "{\"_meta\":{}}");
    /** Per key, the values it may take; absent and the sound ones weighted up, so sound messages come often. */
    private static final List<List<String>> VALUES = List.of(
            List.of("\"2.0\"", "\"2.0\"", "\"2.0\"", "\"2.0\"", ABSENT, "\"1.0\"", "2.0", "null"),
            List.of("1", "\"a\"", "-7", ABSENT, "null", "1.5", "{}", "[]", "true"),
            List.of("\"tools/call\"", "\"initialize\"", "\"tools/list\"", "\"ping\"", "\"no/such\"", ABSENT,
                    ABSENT, "1", "\"\"", "null"),
            PARAMS,
            List.of(ABSENT, ABSENT, ABSENT, ABSENT, "{}", "null", "[1]"),
            List.of(ABSENT, ABSENT, ABSENT, ABSENT, "{\"code\":1,\"message\":\"m\"}", "{\"code\":\"1\"}",
                    "{\"code\":1}", "\"x\""));
    private static final List<String> KEYS = List.of("jsonrpc", "id", "method", "params", "result", "error");
    private static final Set<Integer> CODES = Set.of(-32700, -32600, -32602);

    private static Gen<String> messages() {
        List<Gen<String>> values = VALUES.stream().map(Generate::pick).toList();
        Gen<String> object = r -> {
            List<String> members = new java.util.ArrayList<>();
            for (int i = 0; i < KEYS.size(); i++) {
                String v = values.get(i).generate(r);
                if (!v.equals(ABSENT)) {
                    members.add("\"" + KEYS.get(i) + "\":" + v);
                }
            }
            return "{" + String.join(",", members) + "}";
        };
        return object.zip(integers().between(0, 11), (o, mutation) -> switch (mutation) {
            case 0 -> o.substring(0, o.length() / 2);
            case 1 -> o + " x";
            case 2 -> "[" + o + "]";
            default -> o;
        });
    }

    @Test
    void whateverPassesTheSdkReadsAndEveryRefusalIsAStandardError() {
        java.util.concurrent.atomic.AtomicInteger passed = new java.util.concurrent.atomic.AtomicInteger();
        qt().withExamples(1500).forAll(messages()).checkAssert(text -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Optional<JsonRpcError> problem = JsonRpcMessageCheck.problem(bytes);
            if (problem.isPresent()) {
                assertThat(CODES).contains(problem.get().code());
                JsonNode answer = readTree(problem.get().toJson());
                assertThat(answer.at("/error/message").asText()).isNotBlank();
                return;
            }
            passed.incrementAndGet();
            assertThatCode(() -> {
                McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(MCP, text);
                if (message instanceof JSONRPCRequest request && request.method().equals("tools/call")) {
                    MCP.convertValue(request.params(), CallToolRequest.class);
                }
                if (message instanceof JSONRPCRequest request && request.method().equals("initialize")) {
                    MCP.convertValue(request.params(), InitializeRequest.class);
                }
            }).as(text).doesNotThrowAnyException();
        });
        // Not vacuous: sound messages were among them.
        assertThat(passed.get()).isGreaterThan(5);
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
