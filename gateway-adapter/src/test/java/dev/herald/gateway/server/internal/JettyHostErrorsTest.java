package dev.herald.gateway.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A servlet at /mcp that fails or refuses: what leaves Jetty is the small JSON-RPC error, never the exception; a
 * clean refusal keeps its message.
 */
class JettyHostErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

    /** Throws on POST; on DELETE answers with an error text made of an exception, as the SDK does. */
    static final class FailingServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalStateException("boom at dev.herald.Secret.method(Secret.java:1) with /hook?token=x");
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.sendError(403, "Origin not allowed");
        }

        @Override
        protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.sendError(503, "java.lang.IllegalStateException: shutting down");
        }
    }

    @Test
    void aServletThatThrowsAnswers500AsJsonAndOneThatSendsAnErrorIsRewritten() throws Exception {
        try (JettyHost host = JettyHost.start("127.0.0.1", 0, new FailingServlet())) {
            HttpClient http = HttpClient.newHttpClient();
            URI mcp = URI.create("http://127.0.0.1:" + host.port() + JettyHost.MCP_PATH);

            HttpResponse<String> thrown = http.send(HttpRequest.newBuilder(mcp).header("Content-Type",
                    "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(LIST)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(mcp).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(thrown.statusCode()).isEqualTo(500);
            assertThat(json(thrown)).isEqualTo(JSON.readTree(
                    "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":\"internal error\"}}"));
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(mcp).header("Accept", "text/event-stream")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(json(refused)).isEqualTo(JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":"
                    + "-32600,\"message\":\"Origin not allowed\"}}"));
            assertThat(sent.statusCode()).isEqualTo(503);
            assertThat(json(sent)).isEqualTo(JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":"
                    + "-32603,\"message\":\"service unavailable\"}}"));
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.body()).doesNotContain("boom", "token", "Exception", "at dev.");
        return JSON.readTree(response.body());
    }
}
