package dev.herald.gateway.cli;

import dev.herald.core.dispatch.CloseReport;
import dev.herald.core.dispatch.DispatcherStats;
import dev.herald.engine.Herald;
import dev.herald.gateway.config.ConfigException;
import dev.herald.gateway.config.LoadedPluginConfig;
import dev.herald.gateway.config.PluginConfigLoader;
import dev.herald.gateway.hooks.WebhookNotificationPlugin;
import dev.herald.gateway.server.HostedPlugin;
import dev.herald.gateway.server.PluginServer;
import dev.herald.gateway.server.PluginServerSettings;
import dev.herald.gateway.server.ServerSecurity;
import dev.herald.store.jdbc.DeliveryStoreException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code herald serve}: runs Herald as the gateway's external plugin, an MCP server over HTTP or stdio. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs Herald as the ContextForge gateway's external plugin.", "",
            "An MCP server (streamable HTTP at /mcp with GET /health, or stdio) offering get_plugin_configs,"
            + " get_plugin_config and invoke_hook.", "",
            "PLUGINS_SERVER_HOST, PLUGINS_SERVER_PORT, PLUGINS_CONFIG_PATH and PLUGINS_TRANSPORT are honoured;"
            + " options win over them. SIGTERM drains pending deliveries (up to the config's close_timeout).", "",
            "Deliveries are kept in the config's store: block, or else in SQLite in the folder .herald of the"
            + " working directory, so that a restart sends what a killed process had accepted; store: {type:"
            + " memory} opts out.", "",
            "Only loopback origins may call /mcp unless allowed (--allowed-origin). TLS with client certificates"
            + " comes from PLUGINS_SERVER_SSL_*, and a Unix domain socket from PLUGINS_SERVER_UDS (see the README's"
            + " \"Securing the plugin server\"). A non-loopback address is refused without TLS."},
        optionListHeading = "%nOptions:%n", footerHeading = "%nExamples:%n",
        footer = {"  herald serve --config plugins/config.yaml --port 8000",
            "  herald serve --config plugins/config.yaml --stdio"})
final class ServeCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The config (default: PLUGINS_CONFIG_PATH).")
    String config;

    @Option(names = "--plugin", paramLabel = "NAME", description = "The plugin entry to serve, by name.")
    String plugin;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default: 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to bind (default: 8000).")
    Integer port;

    @Option(names = "--stdio", description = "Serve over standard input and output instead of HTTP.")
    Boolean stdio;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = {"An Origin (scheme://host[:port]) allowed to call /mcp besides loopback ones; repeatable,"
                + " added to PLUGINS_SERVER_ALLOWED_ORIGINS (comma separated)."})
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--uds", paramLabel = "PATH",
            description = "Serve HTTP on this Unix domain socket instead of host and port (default: PLUGINS_SERVER_UDS).")
    String uds;

    @Option(names = "--session-idle-timeout", paramLabel = "DURATION",
            description = {"Drop an MCP session idle this long (300, 90s, 30m, 2h; it goes between one and two"
                + " times this after its last request). Default: PLUGINS_SERVER_SESSION_IDLE_TIMEOUT, else never."})
    String sessionIdleTimeout;

    @Option(names = ServerSecurity.INSECURE_BIND_OPTION,
            description = "Allow serving plain HTTP on a non-loopback address (anyone who reaches it can send).")
    boolean insecureBindAny;

    PrintStream err = System.err;
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        PluginServerSettings settings;
        try {
            settings = PluginServerSettings.fromEnvironment(env, host, port, stdio, config);
        } catch (IllegalArgumentException e) {
            err.println("serve: " + e.getMessage());
            return 2;
        }
        ServerSecurity security;
        try {
            security = ServerSecurity.fromEnvironment(env, allowedOrigins, uds, sessionIdleTimeout,
                    insecureBindAny);
        } catch (IllegalArgumentException e) {
            err.println("serve: " + e.getMessage());
            return 2;
        }
        if (settings.transport() == PluginServerSettings.Transport.HTTP) {
            var refusal = security.bindRefusal(settings.host()).or(security::unixSocketRefusal);
            if (refusal.isPresent()) {
                err.println("serve: " + refusal.get());
                return 2;
            }
            security.bindWarning(settings.host()).ifPresent(w -> err.println("serve: " + w));
        }
        if (settings.configPath() == null) {
            err.println("serve: no config: give --config FILE or set PLUGINS_CONFIG_PATH");
            return 2;
        }
        LoadedPluginConfig loaded;
        try {
            loaded = PluginConfigLoader.load(settings.configPath(), plugin, env);
        } catch (ConfigException e) {
            err.println("serve: " + settings.configPath() + " is not valid:");
            e.errors().forEach(line -> err.println("  " + line));
            return 1;
        }
        loaded.warnings().forEach(w -> err.println("serve: warning: " + w));
        loaded = loaded.withDefaultStore(StoreOptions.EMBEDDED_DEFAULT);
        Herald herald;
        try {
            herald = Herald.start(loaded.herald());
        } catch (DeliveryStoreException e) {
            err.println("serve: cannot open the delivery store: " + e.getMessage());
            return 1;
        }
        err.println("serve: deliveries are kept in " + loaded.herald().store().describe());
        WebhookNotificationPlugin hooks = new WebhookNotificationPlugin(loaded.pluginName(), herald.dispatcher(),
                loaded.includePayloadData());
        PluginServer server;
        try {
            server = PluginServer.of(List.of(new HostedPlugin(loaded.entry(), hooks)), settings, security)
                    .start();
        } catch (IllegalStateException e) {
            err.println("serve: " + e.getMessage() + (e.getCause() == null ? "" : ": " + rootMessage(e)));
            herald.close();
            return 1;
        }
        LoadedPluginConfig served = loaded;
        Thread shutdown = new Thread(() -> stop(server, herald, served), "herald-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        if (settings.transport() == PluginServerSettings.Transport.HTTP) {
            err.printf("serve: plugin %s on %s (health at /health)%n", loaded.pluginName(),
                    server.describeEndpoint());
        }
        server.awaitTermination();
        // Stdin closed (stdio) or the server was closed: drain and leave; the hook must not run twice.
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException alreadyShuttingDown) {
            return 0;
        }
        stop(server, herald, served);
        return 0;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage();
    }

    private void stop(PluginServer server, Herald herald, LoadedPluginConfig loaded) {
        server.close();
        CloseReport report = herald.close(loaded.herald().closeTimeout());
        new StopReport(err).print(report, herald.dispatcher().stats());
    }
}
