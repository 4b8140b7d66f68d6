package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JSON-RPC conversation over a pair of pipes, a line each way, as a gateway holds it with a stdio plugin. */
final class StdioLines implements AutoCloseable {
    /** What must never appear in anything the server says: Java's stack frames and exception names. */
    static final List<String> JAVA_INTERNALS = List.of("at dev.", "at java.", "Exception", "\tat ", "stackTrace",
            "com.fasterxml", "io.modelcontextprotocol");

    private final OutputStream toServer;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> all = new CopyOnWriteArrayList<>();
    private final Thread reader;

    StdioLines(OutputStream toServer, InputStream fromServer) {
        this.toServer = toServer;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    all.add(line);
                    answers.add(line);
                }
            } catch (IOException e) {
                // The server's end closed: what it said is in the list already.
            }
        }, "stdio-lines");
        reader.setDaemon(true);
        reader.start();
    }

    void send(String line) {
        send((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) {
        try {
            toServer.write(bytes);
            toServer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line the server writes, parsed; fails when none comes within 60 s (a JVM starts slowly when busy). */
    JsonNode next() throws InterruptedException {
        String line = answers.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("an answer within 60 s").isNotNull();
        return GatewayCalls.parse(line);
    }

    /** Sends a request and returns its answer. */
    JsonNode request(String line) throws InterruptedException {
        send(line);
        return next();
    }

    /** Every line the server wrote. */
    List<String> lines() {
        return List.copyOf(all);
    }

    void endInput() {
        try {
            toServer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the server's output to end. */
    boolean awaitOutputEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        return !reader.isAlive();
    }

    @Override
    public void close() {
        try {
            toServer.close();
        } catch (IOException ignored) {
            // Closed already.
        }
    }

    static String initialize(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"gateway\",\"version\":\"1\"}}}";
    }

    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    static String toolsList(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}";
    }

    static String invokeToolPreInvoke(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"invoke_hook\","
                + "\"arguments\":{\"hook_type\":\"tool_pre_invoke\",\"plugin_name\":\"WebhookNotification\","
                + "\"payload\":{\"name\":\"search\",\"args\":{}},\"context\":{\"state\":{},\"metadata\":{},"
                + "\"global_context\":{\"request_id\":\"r1\",\"user\":\"alice\"}}}}}";
    }
}
