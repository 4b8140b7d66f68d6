package dev.herald.gateway.server;

import dev.herald.gateway.server.internal.JettyHost;
import dev.herald.gateway.server.internal.MetricsServlet;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.Objects;

/**
 * {@code GET /metrics} on a listener of its own, apart from the plugin server's: for a scraper kept off the MCP
 * port, and for a server over stdio, which has no listener. It is protected as the plugin server is (allowed
 * origins and loopback {@code Host}, TLS with client certificates) and serves nothing else.
 *
 * <pre>{@code
 * try (MetricsServer metrics = MetricsServer.start("127.0.0.1", 9464, security, registry)) {
 *     ...
 * }
 * }</pre>
 */
public final class MetricsServer implements AutoCloseable {
    private final JettyHost jetty;
    private final String host;
    private final boolean tls;

    private MetricsServer(JettyHost jetty, String host, boolean tls) {
        this.jetty = jetty;
        this.host = host;
        this.tls = tls;
    }

    /**
     * Binds and starts. The Unix domain socket of {@code security}, if any, is the plugin server's: this listener
     * binds {@code host} and {@code port}, with the same TLS and origins. Whether a non-loopback host may be bound
     * without TLS is the caller's to check first ({@link ServerSecurity#bindRefusal}).
     *
     * @param port the port, 0 for an ephemeral one ({@link #port()} tells which)
     * @throws IllegalArgumentException when the host is blank or the port out of range
     * @throws IllegalStateException when the address cannot be bound
     */
    public static MetricsServer start(String host, int port, ServerSecurity security,
            PrometheusMeterRegistry registry) {
        PluginServerSettings checked = new PluginServerSettings(host, port, PluginServerSettings.Transport.HTTP,
                null);
        ServerSecurity tcp = new ServerSecurity(security.allowedOrigins(), security.tls(), null, null,
                security.insecureBindAny());
        JettyHost jetty = JettyHost.startMetrics(checked.host(), checked.port(), tcp,
                new MetricsServlet(Objects.requireNonNull(registry, "registry")));
        return new MetricsServer(jetty, checked.host(), tcp.tls() != null);
    }

    /** The port bound, the actual one when 0 was asked for. */
    public int port() {
        return jetty.port();
    }

    /** {@code http://host:port/metrics}, {@code https} with TLS. */
    public URI metricsUri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create((tls ? "https" : "http") + "://" + h + ":" + port() + JettyHost.METRICS_PATH);
    }

    /** Stops accepting and lets go of the port and threads. */
    @Override
    public void close() {
        jetty.close();
    }
}
