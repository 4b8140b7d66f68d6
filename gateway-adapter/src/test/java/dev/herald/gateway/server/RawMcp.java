package dev.herald.gateway.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * MCP's streamable HTTP written by hand on a socket, one request per connection: what a browser, a rebinding page
 * or a gateway on a Unix domain socket sends, headers ({@code Host} included) exactly as given.
 */
final class RawMcp {
    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\","
            + "\"version\":\"1\"}}}";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}";

    /** A response: status, headers (names lower case) and body as text. */
    record Response(int status, Map<String, String> headers, String body) {
        String sessionId() {
            return headers.get("mcp-session-id");
        }
    }

    private final SocketAddress address;
    private final StandardProtocolFamily family;

    private RawMcp(SocketAddress address, StandardProtocolFamily family) {
        this.address = address;
        this.family = family;
    }

    static RawMcp tcp(int port) {
        return new RawMcp(new InetSocketAddress("127.0.0.1", port), StandardProtocolFamily.INET);
    }

    static RawMcp unix(Path socket) {
        return new RawMcp(UnixDomainSocketAddress.of(socket), StandardProtocolFamily.UNIX);
    }

    /** POSTs a JSON-RPC message to /mcp with these extra headers ({@code Host} defaults to localhost). */
    Response post(String json, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "localhost");
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        headers.putAll(extraHeaders);
        return send("POST", "/mcp", headers, json);
    }

    /** initialize then notifications/initialized; the session id. */
    String initialize(Map<String, String> extraHeaders) {
        Response init = post(INITIALIZE, extraHeaders);
        if (init.status() != 200 || init.sessionId() == null) {
            throw new IllegalStateException("initialize failed: " + init);
        }
        Map<String, String> withSession = new LinkedHashMap<>(extraHeaders);
        withSession.put("Mcp-Session-Id", init.sessionId());
        post(INITIALIZED, withSession);
        return init.sessionId();
    }

    Response send(String method, String path, Map<String, String> headers, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (SocketChannel channel = SocketChannel.open(family)) {
            channel.connect(address);
            channel.write(ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1)));
            channel.write(ByteBuffer.wrap(content));
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                raw.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
            }
            return parse(raw.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        return new Response(status, headers, raw.substring(end + 4));
    }
}
