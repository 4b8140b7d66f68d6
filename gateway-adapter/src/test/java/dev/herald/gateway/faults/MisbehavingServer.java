package dev.herald.gateway.faults;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP endpoint on plain sockets, on a loopback port of its own, that misbehaves as told: it refuses
 * connections until {@link #listen()}, and then answers each request as its current {@link Behaviour} says, which
 * a test may change at any time (to let the endpoint recover). Well-behaved HTTP servers will not break their own
 * answers, hence plain sockets.
 *
 * <p>It records every request ({@link #arrivals()}) with its {@code webhook-id} and the status it was answered in
 * full, and the most requests it held unanswered at once ({@link #maxUnanswered()}). A request it answers (or
 * breaks off) counts as answered just before the first byte is written, so that the count never lags behind what
 * the client has seen; one it never answers counts until the server notices that the client left.
 */
final class MisbehavingServer implements AutoCloseable {
    private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    /** How the endpoint answers one request. */
    @FunctionalInterface
    interface Behaviour {
        void answer(Exchange exchange) throws IOException;

        /** A complete answer with this status and headers, then the connection closes. */
        static Behaviour status(int status, Map<String, String> headers) {
            return e -> e.respond(status, headers);
        }

        static Behaviour status(int status) {
            return status(status, Map.of());
        }

        /** Reads the request and never answers; the connection stays open until the client gives up. */
        static Behaviour neverAnswer() {
            return Exchange::holdUntilClientLeaves;
        }

        /** A valid 200 answer, written one byte at a time, {@code perByte} apart, {@code bytes} long in all. */
        static Behaviour dripByteByByte(Duration perByte, int bytes) {
            return e -> e.drip(perByte, bytes);
        }

        /** The start of a 200 answer, then a reset (SO_LINGER 0) before the body is complete. */
        static Behaviour resetMidResponse() {
            return Exchange::resetMidResponse;
        }
    }

    /** One request as it arrived, and the status it was answered in full, or 0 while it was not. */
    static final class Arrival {
        private final String deliveryId;
        private final long arrivedNanos;
        private volatile int status;

        Arrival(String deliveryId, long arrivedNanos) {
            this.deliveryId = deliveryId;
            this.arrivedNanos = arrivedNanos;
        }

        String deliveryId() {
            return deliveryId;
        }

        long arrivedNanos() {
            return arrivedNanos;
        }

        int status() {
            return status;
        }
    }

    private final int port;
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicReference<Behaviour> behaviour;
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger maxUnanswered = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService connections = Executors.newCachedThreadPool(daemon("misbehaving-conn"));
    private final ScheduledExecutorService drips = Executors.newSingleThreadScheduledExecutor(
            daemon("misbehaving-drip"));
    private volatile ServerSocket listening;
    private volatile boolean closed;

    private MisbehavingServer(int port, Behaviour behaviour) {
        this.port = port;
        this.behaviour = new AtomicReference<>(behaviour);
    }

    /** A server that answers as told from the start. */
    static MisbehavingServer start(Behaviour behaviour) {
        MisbehavingServer s = new MisbehavingServer(freePort(), behaviour);
        s.listen();
        return s;
    }

    /** A port that refuses every connection until {@link #listen()}, which then answers as told. */
    static MisbehavingServer refusingUntilListening(Behaviour behaviour) {
        return new MisbehavingServer(freePort(), behaviour);
    }

    /** Starts accepting connections on the server's port. */
    synchronized void listen() {
        if (listening != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            listening = s;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on port " + port, e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "misbehaving-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Whether it accepts connections. */
    boolean listening() {
        return listening != null;
    }

    /** From now on, answers this way. */
    void behave(Behaviour next) {
        behaviour.set(next);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** The most requests that had arrived and were not answered yet, at any one time. */
    int maxUnanswered() {
        return maxUnanswered.get();
    }

    @Override
    public void close() {
        closed = true;
        ServerSocket s = listening;
        if (s != null) {
            closeQuietly(s);
        }
        open.forEach(MisbehavingServer::closeQuietly);
        connections.shutdownNow();
        drips.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listening.accept();
            } catch (IOException e) {
                return;
            }
            open.add(socket);
            connections.execute(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        boolean handedOver = false;
        try {
            InputStream in = socket.getInputStream();
            Map<String, String> headers = readRequest(in);
            if (headers == null) {
                return;
            }
            Arrival arrival = new Arrival(headers.get("webhook-id"), System.nanoTime());
            arrivals.add(arrival);
            maxUnanswered.accumulateAndGet(unanswered.incrementAndGet(), Math::max);
            Exchange exchange = new Exchange(socket, arrival);
            try {
                behaviour.get().answer(exchange);
            } finally {
                handedOver = exchange.handedOver;
                if (!handedOver) {
                    exchange.settle();
                }
            }
        } catch (IOException e) {
            // The client went away or the socket was closed under us: nothing more to answer.
        } finally {
            if (!handedOver) {
                open.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    /** Reads the head and the body (by Content-Length); null when the connection ended first. */
    private static Map<String, String> readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < END_OF_HEADERS.length) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_HEAD_BYTES) {
                return null;
            }
            head.write(b);
            matched = b == END_OF_HEADERS[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            skipChunks(in);
        } else {
            in.skipNBytes(Long.parseLong(headers.getOrDefault("content-length", "0")));
        }
        return headers;
    }

    private static void skipChunks(InputStream in) throws IOException {
        while (true) {
            long size = Long.parseLong(readLine(in).split(";", 2)[0].trim(), 16);
            if (size == 0) {
                readLine(in);
                return;
            }
            in.skipNBytes(size);
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the request ended inside a chunk");
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    private static byte[] response(int status, Map<String, String> headers, String body) {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("Content-Length: ").append(body.length()).append("\r\nConnection: close\r\n\r\n").append(body);
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing is best effort; the test is over with this socket.
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One request's connection, and the ways of (not) answering it. */
    final class Exchange {
        private final Socket socket;
        private final Arrival arrival;
        private boolean settled;
        private boolean handedOver;

        private Exchange(Socket socket, Arrival arrival) {
            this.socket = socket;
            this.arrival = arrival;
        }

        void respond(int status, Map<String, String> headers) throws IOException {
            arrival.status = status;
            settle();
            OutputStream out = socket.getOutputStream();
            out.write(response(status, headers, ""));
            out.flush();
        }

        void holdUntilClientLeaves() throws IOException {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // Whatever else the client sends is ignored; only its leaving ends the wait.
            }
        }

        void resetMidResponse() throws IOException {
            settle();
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoLinger(true, 0);
        }

        void drip(Duration perByte, int bytes) throws IOException {
            String padding = "x".repeat(Math.max(0, bytes - response(200, Map.of("X-Padding", ""), "").length));
            byte[] all = response(200, Map.of("X-Padding", padding), "");
            OutputStream out = socket.getOutputStream();
            AtomicInteger next = new AtomicInteger();
            AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
            handedOver = true;
            task.set(drips.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                boolean done = i >= all.length;
                try {
                    if (!done) {
                        out.write(all[i]);
                        out.flush();
                    }
                } catch (IOException e) {
                    done = true;
                }
                if (done) {
                    settle();
                    open.remove(socket);
                    closeQuietly(socket);
                    task.get().cancel(false);
                }
            }, perByte.toNanos(), perByte.toNanos(), TimeUnit.NANOSECONDS));
        }

        /** The request no longer waits for its answer: answered, broken off, or left by the client. */
        private void settle() {
            if (!settled) {
                settled = true;
                unanswered.decrementAndGet();
            }
        }
    }
}
