package dev.herald.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain HTTP server on a loopback port that answers whatever arrives as Python's {@code http.server} answers a TLS
 * hello, which it takes for an HTTP/0.9 request: a bare HTML error page, with no status line. Raw sockets rather
 * than netty, so that the only logging is the code under test's.
 */
public final class PlainHttpServer implements AutoCloseable {
    private static final byte[] ANSWER = ("<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n"
            + "        <meta charset=\"utf-8\">\n        <title>Error response</title>\n    </head>\n    <body>\n"
            + "        <h1>Error response</h1>\n        <p>Error code: 400</p>\n"
            + "        <p>Message: Bad HTTP/0.9 request type ('\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01').</p>\n"
            + "        <p>Error code explanation: 400 - Bad request syntax or unsupported method.</p>\n"
            + "    </body>\n</html>\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    public PlainHttpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "plain-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                connections.incrementAndGet();
                InputStream in = s.getInputStream();
                in.read(new byte[4096]);
                OutputStream out = s.getOutputStream();
                out.write(ANSWER);
                out.flush();
            } catch (IOException e) {
                // Closed, or a client that went away: the next connection is served all the same.
            }
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far: one per attempt. */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
