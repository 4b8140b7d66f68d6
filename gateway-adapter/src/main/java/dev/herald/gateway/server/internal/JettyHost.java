package dev.herald.gateway.server.internal;

import dev.herald.gateway.server.ServerSecurity;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An embedded Jetty serving the MCP servlet at {@code /mcp}, the health check at {@code /health} and, when asked,
 * the metrics at {@code /metrics}; or a listener of its own for the metrics alone.
 */
public final class JettyHost implements AutoCloseable {
    public static final String MCP_PATH = "/mcp";
    public static final String HEALTH_PATH = "/health";
    public static final String METRICS_PATH = "/metrics";

    private final Server server;
    private final AbstractConnector connector;
    private final Path unixSocket;

    private JettyHost(Server server, AbstractConnector connector, Path unixSocket) {
        this.server = server;
        this.connector = connector;
        this.unixSocket = unixSocket;
    }

    /**
     * Binds and starts.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static JettyHost start(String host, int port, HttpServlet mcpServlet) {
        return start(host, port, ServerSecurity.defaults(), mcpServlet);
    }

    /**
     * Binds and starts: on the Unix domain socket when the security settings name one, else on host and port,
     * with TLS when they hold it; the {@link OriginGuard} runs before every other filter on {@code /mcp}.
     *
     * @throws IllegalStateException when the address or socket cannot be bound
     */
    public static JettyHost start(String host, int port, ServerSecurity security, HttpServlet mcpServlet) {
        return start(host, port, security, mcpServlet, null);
    }

    /**
     * As {@link #start(String, int, ServerSecurity, HttpServlet)}, serving {@code GET /metrics} too when a metrics
     * servlet is given, behind the same {@link OriginGuard} (and the same TLS or socket) as {@code /mcp}.
     *
     * @param metricsServlet what answers {@code /metrics}, or null for none
     * @throws IllegalStateException when the address or socket cannot be bound
     */
    public static JettyHost start(String host, int port, ServerSecurity security, HttpServlet mcpServlet,
            HttpServlet metricsServlet) {
        ServletContextHandler context = context();
        // First in the chain, before anything reads the request (agreed order: this guard, then the others).
        guard(context, host, security, MCP_PATH);
        ServletHolder mcp = new ServletHolder("mcp", mcpServlet);
        // The SDK's servlet declares async support by annotation, which a servlet added by hand does not get
        // read; without it the SSE answers of streamable HTTP fail.
        mcp.setAsyncSupported(true);
        // Before the SDK's servlet, which answers a malformed request with a serialised Java exception.
        context.addFilter(new FilterHolder(new MalformedRequestFilter(JsonRpcMessageCheck.MAX_MESSAGE_BYTES)),
                MCP_PATH, EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(mcp, MCP_PATH);
        context.addServlet(new ServletHolder("health", new HealthServlet()), HEALTH_PATH);
        if (metricsServlet != null) {
            guard(context, host, security, METRICS_PATH);
            context.addServlet(new ServletHolder("metrics", metricsServlet), METRICS_PATH);
        }
        return serve(host, port, security, context, "herald-plugin-server");
    }

    /**
     * A listener of its own for {@code GET /metrics} alone, secured as {@code security} says (TLS, allowed origins,
     * loopback {@code Host} when bound to loopback); it serves no MCP and no health check.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static JettyHost startMetrics(String host, int port, ServerSecurity security, HttpServlet metricsServlet) {
        ServletContextHandler context = context();
        guard(context, host, security, METRICS_PATH);
        context.addServlet(new ServletHolder("metrics", metricsServlet), METRICS_PATH);
        return serve(host, port, security, context, "herald-metrics-server");
    }

    private static ServletContextHandler context() {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorHandler());
        return context;
    }

    private static void guard(ServletContextHandler context, String host, ServerSecurity security, String path) {
        context.addFilter(new FilterHolder(new OriginGuard(security.allowedOrigins(),
                security.unixSocket() == null && LoopbackNames.isLoopback(host))), path,
                EnumSet.of(DispatcherType.REQUEST));
    }

    private static JettyHost serve(String host, int port, ServerSecurity security, ServletContextHandler context,
            String threadName) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName(threadName);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        Path uds = security.unixSocket();
        AbstractConnector connector;
        if (uds != null) {
            UnixSocketFile.prepare(uds);
            UnixDomainServerConnector unix = new UnixDomainServerConnector(server, new HttpConnectionFactory(http));
            unix.setUnixDomainPath(uds);
            connector = unix;
        } else {
            ServerConnector tcp;
            if (security.tls() != null) {
                SecureRequestCustomizer secure = new SecureRequestCustomizer();
                // The client checks the server's name; the server need not check which name the client asked for.
                secure.setSniHostCheck(false);
                http.addCustomizer(secure);
                tcp = new ServerConnector(server, new SslConnectionFactory(
                        TlsConnectors.sslContextFactory(security.tls()), "http/1.1"), new HttpConnectionFactory(http));
            } else {
                tcp = new ServerConnector(server, new HttpConnectionFactory(http));
            }
            tcp.setHost(host);
            tcp.setPort(port);
            connector = tcp;
        }
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(context);
        try {
            server.start();
            if (uds != null) {
                UnixSocketFile.restrict(uds);
            }
        } catch (Exception e) {
            stopQuietly(server);
            String where = uds != null ? "unix:" + uds : host + ":" + port;
            throw new IllegalStateException("cannot serve on " + where + ": " + e.getMessage(), e);
        }
        return new JettyHost(server, connector, uds);
    }

    /**
     * The port bound, the actual one when 0 was asked for.
     *
     * @throws IllegalStateException on a Unix domain socket
     */
    public int port() {
        if (!(connector instanceof NetworkConnector network)) {
            throw new IllegalStateException("a server on a Unix domain socket has no port");
        }
        return network.getLocalPort();
    }

    /** Stops accepting, ends open exchanges, lets go of the threads and removes the socket file, if any. */
    @Override
    public void close() {
        try {
            stopQuietly(server);
        } finally {
            if (unixSocket != null) {
                try {
                    Files.deleteIfExists(unixSocket);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("cannot remove unix:" + unixSocket + " ("
                            + e.getClass().getSimpleName() + ")");
                }
            }
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the plugin server's Jetty failed: " + e.getMessage(), e);
        }
    }
}
