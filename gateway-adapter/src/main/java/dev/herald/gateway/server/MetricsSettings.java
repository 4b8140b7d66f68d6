package dev.herald.gateway.server;

import java.util.Map;
import java.util.Objects;

/**
 * Where {@code herald serve} serves {@code GET /metrics}: on the plugin server's own listener (the default), or on
 * a port of its own ({@code --metrics-port} or {@value #PORT_VARIABLE}, on {@code --metrics-host} or
 * {@value #HOST_VARIABLE}, {@value #DEFAULT_HOST} unless told), the only way over stdio.
 *
 * @param host the address the separate listener binds
 * @param port the separate listener's port (0 for an ephemeral one), or null for the plugin server's listener
 */
public record MetricsSettings(String host, Integer port) {
    public static final String HOST_VARIABLE = "HERALD_METRICS_HOST";
    public static final String PORT_VARIABLE = "HERALD_METRICS_PORT";
    public static final String DEFAULT_HOST = "127.0.0.1";

    public MetricsSettings {
        Objects.requireNonNull(host, "host");
    }

    /** Whether the metrics have a listener of their own. */
    public boolean separate() {
        return port != null;
    }

    /**
     * The settings from the environment, each overridden by its command-line value when one is given (not null).
     *
     * @throws IllegalArgumentException naming the variable or option whose value is bad, or a host given
     *     without a port
     */
    public static MetricsSettings fromEnvironment(Map<String, String> env, String hostOpt, Integer portOpt) {
        Objects.requireNonNull(env, "env");
        Integer port = null;
        if (portOpt != null) {
            port = PluginServerSettings.checkPort(portOpt, "--metrics-port");
        } else if (env.containsKey(PORT_VARIABLE)) {
            port = PluginServerSettings.port(env.get(PORT_VARIABLE), PORT_VARIABLE);
        }
        String hostSource = hostOpt != null ? "--metrics-host" : env.containsKey(HOST_VARIABLE) ? HOST_VARIABLE : null;
        String host = hostSource == null ? DEFAULT_HOST
                : PluginServerSettings.host(hostOpt != null ? hostOpt : env.get(HOST_VARIABLE), hostSource);
        if (hostSource != null && port == null) {
            throw new IllegalArgumentException(hostSource + ": the metrics listener needs a port: give"
                    + " --metrics-port or set " + PORT_VARIABLE + " (without one, /metrics is on the plugin"
                    + " server's listener)");
        }
        return new MetricsSettings(host, port);
    }
}
