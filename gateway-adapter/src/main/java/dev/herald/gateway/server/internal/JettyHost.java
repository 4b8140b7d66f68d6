package dev.herald.gateway.server.internal;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** An embedded Jetty serving the MCP servlet at {@code /mcp} and the health check at {@code /health}. */
public final class JettyHost implements AutoCloseable {
    public static final String MCP_PATH = "/mcp";
    public static final String HEALTH_PATH = "/health";

    private final Server server;
    private final ServerConnector connector;

    private JettyHost(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Binds and starts.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static JettyHost start(String host, int port, HttpServlet mcpServlet) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("herald-plugin-server");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        ServletHolder mcp = new ServletHolder("mcp", mcpServlet);
        // The SDK's servlet declares async support by annotation, which a servlet added by hand does not get
        // read; without it the SSE answers of streamable HTTP fail.
        mcp.setAsyncSupported(true);
        // Before the SDK's servlet, which answers a malformed request with a serialised Java exception.
        context.addFilter(new FilterHolder(new MalformedRequestFilter(JsonRpcMessageCheck.MAX_MESSAGE_BYTES)),
                MCP_PATH, EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(mcp, MCP_PATH);
        context.addServlet(new ServletHolder("health", new HealthServlet()), HEALTH_PATH);
        context.setErrorHandler(new JsonErrorHandler());
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalStateException("cannot serve on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new JettyHost(server, connector);
    }

    /** The port bound, the actual one when 0 was asked for. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops accepting, ends open exchanges and lets go of the threads. */
    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the plugin server's Jetty failed: " + e.getMessage(), e);
        }
    }
}
