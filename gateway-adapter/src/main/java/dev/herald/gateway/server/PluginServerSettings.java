package dev.herald.gateway.server;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the {@link PluginServer} listens, read as the gateway's own plugin server reads it: from
 * {@code PLUGINS_SERVER_HOST}, {@code PLUGINS_SERVER_PORT}, {@code PLUGINS_CONFIG_PATH} and
 * {@code PLUGINS_TRANSPORT}, command-line values taking precedence.
 *
 * @param host the address to bind for HTTP ({@code 0.0.0.0} for every interface)
 * @param port the HTTP port, 0 for an ephemeral one
 * @param transport streamable HTTP or stdio
 * @param configPath the plugin config file, or null when neither the command line nor the environment names one
 */
public record PluginServerSettings(String host, int port, Transport transport, Path configPath) {
    public static final String HOST_VARIABLE = "PLUGINS_SERVER_HOST";
    public static final String PORT_VARIABLE = "PLUGINS_SERVER_PORT";
    public static final String CONFIG_PATH_VARIABLE = "PLUGINS_CONFIG_PATH";
    public static final String TRANSPORT_VARIABLE = "PLUGINS_TRANSPORT";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;

    /** How the gateway reaches the server. */
    public enum Transport {
        /** Streamable HTTP at {@code /mcp}, with {@code GET /health}. */
        HTTP("http"),
        /** JSON-RPC lines on the process's stdin and stdout. */
        STDIO("stdio");

        private final String wireName;

        Transport(String wireName) {
            this.wireName = wireName;
        }

        /** The value of {@code PLUGINS_TRANSPORT}. */
        public String wireName() {
            return wireName;
        }
    }

    public PluginServerSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host: must not be blank");
        }
        checkPort(port, "port");
        Objects.requireNonNull(transport, "transport");
    }

    /** 127.0.0.1:8000 over HTTP, no config path: what an empty environment gives. */
    public static PluginServerSettings defaults() {
        return fromEnvironment(Map.of(), null, null, null, null);
    }

    /**
     * The settings from the environment, each overridden by its command-line value when one is given (not null).
     * A variable that is set must be valid, even when empty: a typo should stop start-up, not pick a default.
     *
     * @param env the environment, usually {@code System.getenv()}
     * @param hostOpt the host from the command line, or null
     * @param portOpt the port from the command line, or null
     * @param stdioOpt true for stdio, false for HTTP, or null to follow {@code PLUGINS_TRANSPORT}
     * @param configOpt the config path from the command line, or null
     * @throws IllegalArgumentException naming the variable or option whose value is bad
     */
    public static PluginServerSettings fromEnvironment(Map<String, String> env, String hostOpt, Integer portOpt,
            Boolean stdioOpt, String configOpt) {
        Objects.requireNonNull(env, "env");
        String host = hostOpt != null ? host(hostOpt, "--host") : env.containsKey(HOST_VARIABLE)
                ? host(env.get(HOST_VARIABLE), HOST_VARIABLE) : DEFAULT_HOST;
        int port = portOpt != null ? checkPort(portOpt, "--port") : env.containsKey(PORT_VARIABLE)
                ? port(env.get(PORT_VARIABLE), PORT_VARIABLE) : DEFAULT_PORT;
        Transport transport = stdioOpt != null ? (stdioOpt ? Transport.STDIO : Transport.HTTP)
                : env.containsKey(TRANSPORT_VARIABLE) ? transport(env.get(TRANSPORT_VARIABLE), TRANSPORT_VARIABLE)
                : Transport.HTTP;
        Path config = configOpt != null ? path(configOpt, "--config") : env.containsKey(CONFIG_PATH_VARIABLE)
                ? path(env.get(CONFIG_PATH_VARIABLE), CONFIG_PATH_VARIABLE) : null;
        return new PluginServerSettings(host, port, transport, config);
    }

    static String host(String value, String source) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(source + ": must name a host or address, got '" + value + "'");
        }
        return value.strip();
    }

    static int port(String value, String source) {
        try {
            return checkPort(Integer.parseInt(value == null ? "" : value.strip()), source);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": must be a port number from 0 to 65535, got '" + value
                    + "'");
        }
    }

    static int checkPort(int port, String source) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(source + ": must be a port number from 0 to 65535, got " + port);
        }
        return port;
    }

    private static Transport transport(String value, String source) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (Transport t : Transport.values()) {
            if (t.wireName.equals(v)) {
                return t;
            }
        }
        throw new IllegalArgumentException(source + ": must be 'http' or 'stdio', got '" + value + "'");
    }

    /** A file named by a setting, or an error naming the setting. */
    static Path path(String value, String source) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(source + ": must name a file, got '" + value + "'");
        }
        try {
            return Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(source + ": not a valid path: " + e.getMessage());
        }
    }
}
