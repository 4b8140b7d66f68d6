package dev.herald.gateway.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.gateway.server.PluginServerSettings.Transport;
import dev.herald.gateway.server.internal.JettyHost;
import dev.herald.gateway.server.internal.MetricsServlet;
import dev.herald.gateway.server.internal.PluginRegistry;
import dev.herald.gateway.server.internal.PluginTools;
import dev.herald.gateway.server.internal.StdioChannel;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The external-plugin server the ContextForge gateway calls over MCP: it hosts plugins and offers the protocol's
 * three tools, {@code get_plugin_configs}, {@code get_plugin_config} and {@code invoke_hook}, over streamable HTTP
 * (at {@code /mcp}, with {@code GET /health}, on an embedded Jetty) or over stdio.
 *
 * <pre>{@code
 * try (PluginServer server = PluginServer.http(plugins, "127.0.0.1", 8000).start()) {
 *     server.awaitTermination();
 * }
 * }</pre>
 *
 * <p>Given a registry ({@link #withMetrics}), it serves {@code GET /metrics} in the Prometheus format on the same
 * listener and behind the same protection as {@code /mcp}: allowed origins and loopback {@code Host}, TLS with client
 * certificates, or the Unix domain socket. ({@link MetricsServer} serves them on a listener of their own.)
 *
 * <p>A hook never waits for a delivery: deliveries run on the plugin's dispatcher, never on the gateway's request;
 * with a delivery store it waits only for the store to hold its event
 * ({@link dev.herald.gateway.hooks.WebhookNotificationPlugin}). A call the
 * server cannot serve (bad arguments, an unknown plugin or hook) answers an error envelope and the session goes on.
 * Over stdio the server ends when stdin closes; logs must then go to stderr, and {@code System.out} is pointed at
 * stderr while it runs so that nothing but the protocol reaches stdout.
 */
public final class PluginServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginServer.class);
    private static final String SERVER_NAME = "herald-plugin-server";

    private final PluginRegistry registry;
    private final Transport transport;
    private final String host;
    private final int requestedPort;
    private final StdioChannel stdio;
    private final ServerSecurity security;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private McpSyncServer mcp;
    private HttpServletStreamableServerTransportProvider provider;
    private PrometheusMeterRegistry metrics;
    private JettyHost jetty;
    private boolean started;
    private boolean closed;

    private PluginServer(List<HostedPlugin> plugins, Transport transport, String host, int port,
            StdioChannel stdio, ServerSecurity security) {
        this.registry = new PluginRegistry(Objects.requireNonNull(plugins, "plugins"));
        this.transport = transport;
        this.host = host;
        this.requestedPort = port;
        this.stdio = stdio;
        this.security = Objects.requireNonNull(security, "security");
    }

    /**
     * A server over streamable HTTP, not started yet.
     *
     * @param host the address to bind
     * @param port the port, 0 for an ephemeral one ({@link #port()} tells which)
     * @throws IllegalArgumentException when plugin names clash (case aside) or the address is bad
     */
    public static PluginServer http(List<HostedPlugin> plugins, String host, int port) {
        return http(plugins, host, port, ServerSecurity.defaults());
    }

    /**
     * A server over streamable HTTP secured as the settings say (allowed origins, TLS, a Unix domain socket
     * instead of host and port, the session idle timeout), not started yet.
     *
     * @throws IllegalArgumentException when plugin names clash (case aside) or the address is bad
     */
    public static PluginServer http(List<HostedPlugin> plugins, String host, int port, ServerSecurity security) {
        PluginServerSettings checked = new PluginServerSettings(host, port, Transport.HTTP, null);
        return new PluginServer(plugins, Transport.HTTP, checked.host(), checked.port(), null, security);
    }

    /** A server over the process's stdin and stdout, not started yet. */
    public static PluginServer stdio(List<HostedPlugin> plugins) {
        return new PluginServer(plugins, Transport.STDIO, null, -1, StdioChannel.system(),
                ServerSecurity.defaults());
    }

    /** A server over the given streams, not started yet; it ends when {@code in} does. */
    public static PluginServer stdio(List<HostedPlugin> plugins, InputStream in, OutputStream out) {
        return new PluginServer(plugins, Transport.STDIO, null, -1,
                StdioChannel.of(Objects.requireNonNull(in, "in"), Objects.requireNonNull(out, "out")),
                ServerSecurity.defaults());
    }

    /** A server as the settings say: HTTP on their host and port, or stdio on the process's own pipes. */
    public static PluginServer of(List<HostedPlugin> plugins, PluginServerSettings settings) {
        return of(plugins, settings, ServerSecurity.defaults());
    }

    /** A server as the settings say, HTTP secured as {@code security} says. */
    public static PluginServer of(List<HostedPlugin> plugins, PluginServerSettings settings,
            ServerSecurity security) {
        return settings.transport() == Transport.STDIO ? stdio(plugins)
                : http(plugins, settings.host(), settings.port(), security);
    }

    /**
     * Starts serving: binds the HTTP port, or begins reading stdin.
     *
     * @return this server
     * @throws IllegalStateException when it was started or closed already, or the port cannot be bound
     */
    public synchronized PluginServer start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "the plugin server is closed" : "the plugin server is running");
        }
        started = true;
        ObjectMapper json = new ObjectMapper();
        McpJsonMapper mapper = new JacksonMcpJsonMapper(json);
        try {
            if (transport == Transport.HTTP) {
                provider = HttpServletStreamableServerTransportProvider
                        .builder().jsonMapper(mapper).mcpEndpoint(JettyHost.MCP_PATH)
                        // The SDK drops sessions idle for a sweep interval (30 minutes unless told); the gateway
                        // cannot always reconnect, so a session lives until closed unless a timeout is set. Null
                        // turns the sweeper off.
                        .sessionSweepInterval(security.sessionIdleTimeout()).build();
                mcp = configure(McpServer.sync(provider), json, mapper);
                jetty = JettyHost.start(host, requestedPort, security, provider,
                        metrics == null ? null : new MetricsServlet(metrics));
                LOG.info("serving {} plugin(s) at {}", registry.plugins().size(), mcpUri());
            } else {
                mcp = configure(McpServer.sync(stdio.open(mapper, terminated::countDown)), json, mapper);
                LOG.info("serving {} plugin(s) over stdio", registry.plugins().size());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /**
     * Serves this registry's meters at {@code GET /metrics} on the server's own listener, behind the same
     * protection as {@code /mcp}.
     *
     * @return this server
     * @throws IllegalStateException over stdio, which has no listener ({@link MetricsServer} serves them there),
     *     or once started
     */
    public synchronized PluginServer withMetrics(PrometheusMeterRegistry registry) {
        if (transport == Transport.STDIO) {
            throw new IllegalStateException("a stdio server has no listener for /metrics; serve them with a"
                    + " MetricsServer");
        }
        if (started) {
            throw new IllegalStateException("the plugin server is running: give it its metrics before it starts");
        }
        this.metrics = Objects.requireNonNull(registry, "registry");
        return this;
    }

    private McpSyncServer configure(McpServer.SyncSpecification<?> spec, ObjectMapper json, McpJsonMapper mapper) {
        String version = Optional.ofNullable(PluginServer.class.getPackage().getImplementationVersion())
                .orElse("dev");
        // The SDK's own input validation answers a bare error text; the gateway needs the error envelope, so
        // invoke_hook checks its arguments itself.
        return spec.serverInfo(SERVER_NAME, version).jsonMapper(mapper)
                .jsonSchemaValidator(new DefaultJsonSchemaValidator(json)).validateToolInputs(false)
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(PluginTools.of(registry, json)).build();
    }

    public Transport transport() {
        return transport;
    }

    /** How this server is secured: origins, TLS, Unix domain socket, session idle timeout. */
    public ServerSecurity security() {
        return security;
    }

    public List<HostedPlugin> plugins() {
        return registry.plugins();
    }

    /**
     * The HTTP port bound.
     *
     * @throws IllegalStateException over stdio, or before {@link #start()}
     */
    public synchronized int port() {
        if (jetty == null) {
            throw new IllegalStateException(transport == Transport.STDIO ? "a stdio server has no port"
                    : "the plugin server is not running");
        }
        return jetty.port();
    }

    /**
     * The streamable HTTP endpoint, {@code http://host:port/mcp} ({@code https} with TLS), as the gateway's config
     * names it; on a Unix domain socket {@code http://localhost/mcp}, the URL sent over the socket.
     */
    public URI mcpUri() {
        if (security.unixSocket() != null) {
            return URI.create("http://localhost" + JettyHost.MCP_PATH);
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create((security.tls() != null ? "https" : "http") + "://" + h + ":" + port()
                + JettyHost.MCP_PATH);
    }

    /** {@code /metrics} beside {@link #mcpUri()}, where {@link #withMetrics} serves the meters. */
    public URI metricsUri() {
        return mcpUri().resolve(JettyHost.METRICS_PATH);
    }

    /** Where the server listens, for people: the {@link #mcpUri()}, or the socket and the URL sent over it. */
    public String describeEndpoint() {
        return security.unixSocket() != null ? "unix:" + security.unixSocket() + " (" + mcpUri() + ")"
                : mcpUri().toString();
    }

    /** Waits until the server ends: stdin closed (stdio) or {@link #close()} called. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** Waits at most the timeout for the server to end; true when it did. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops serving: ends the MCP sessions, stops accepting and releases Jetty's threads and port. The plugins and
     * their dispatchers are the caller's to close, after this, so that hooks already taken still deliver.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (mcp != null) {
                closeMcp();
            }
        } finally {
            try {
                if (jetty != null) {
                    jetty.close();
                }
            } finally {
                if (stdio != null) {
                    stdio.close();
                }
                terminated.countDown();
            }
        }
    }

    private void closeMcp() {
        try {
            mcp.closeGracefully();
        } catch (RuntimeException e) {
            LOG.warn("closing the MCP sessions failed; closing them at once", e);
            mcp.close();
        }
    }
}
