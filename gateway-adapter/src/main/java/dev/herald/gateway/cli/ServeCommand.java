package dev.herald.gateway.cli;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.CloseReport;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.engine.Herald;
import dev.herald.gateway.config.ConfigException;
import dev.herald.gateway.config.LoadedPluginConfig;
import dev.herald.gateway.config.PluginConfigLoader;
import dev.herald.gateway.hooks.WebhookNotificationPlugin;
import dev.herald.gateway.server.HostedPlugin;
import dev.herald.gateway.server.MetricsServer;
import dev.herald.gateway.server.MetricsSettings;
import dev.herald.gateway.server.PluginServer;
import dev.herald.gateway.server.PluginServerSettings;
import dev.herald.gateway.server.ServerSecurity;
import dev.herald.gateway.telemetry.DeliveryLog;
import dev.herald.gateway.telemetry.OtelEnvironment;
import dev.herald.gateway.telemetry.Telemetry;
import dev.herald.store.jdbc.DeliveryStoreException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
            + " \"Securing the plugin server\"). A non-loopback address is refused without TLS.", "",
            "Metrics: GET /metrics answers in the Prometheus text format (OpenMetrics when asked) on the same"
            + " listener and behind the same protection as /mcp; with --metrics-port they move to a listener of"
            + " their own, protected alike, the only way over stdio.", "",
            "OpenTelemetry: nothing is sent unless the OTEL_* variables say so. OTEL_EXPORTER_OTLP_ENDPOINT sends"
            + " traces and metrics there (OTLP over HTTP, http/protobuf); OTEL_TRACES_EXPORTER and"
            + " OTEL_METRICS_EXPORTER (otlp or none) turn each on or off; OTEL_EXPORTER_OTLP_METRICS_ENDPOINT and"
            + " OTEL_EXPORTER_OTLP_TRACES_ENDPOINT name one signal's own URL; OTEL_METRIC_EXPORT_INTERVAL sets"
            + " the push's period in milliseconds. A bad value stops start-up naming its variable.", "",
            "Logs go to stderr, as text or (--log-format json) one JSON object per line; a delivery's lines carry"
            + " delivery_id, endpoint and event_type. HERALD_LOG_LEVEL=INFO shows each delivery's end."},
        optionListHeading = "%nOptions:%n", footerHeading = "%nExamples:%n",
        footer = {"  herald serve --config plugins/config.yaml --port 8000",
            "  herald serve --config plugins/config.yaml --stdio --metrics-port 9464",
            "  herald serve --config plugins/config.yaml --log-format json"})
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

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = {"Serve GET /metrics on a listener of its own on this port, with the same TLS and"
                + " origins as /mcp, instead of beside /mcp (default: HERALD_METRICS_PORT, else none)."})
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST",
            description = {"Address the metrics listener binds; refused off loopback without TLS, as --host is"
                + " (default: HERALD_METRICS_HOST, else 127.0.0.1)."})
    String metricsHost;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = {"Write log lines as text or as json, one object per line (default: HERALD_LOG_FORMAT,"
                + " else text)."})
    String logFormat;

    PrintStream err = System.err;
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        ServeConsole console;
        try {
            console = ServeConsole.of(LogFormat.of(logFormat, env), err);
        } catch (IllegalArgumentException e) {
            err.println("serve: " + e.getMessage());
            return 2;
        }
        PluginServerSettings settings;
        ServerSecurity security;
        MetricsSettings metrics;
        OtelEnvironment otel;
        try {
            settings = PluginServerSettings.fromEnvironment(env, host, port, stdio, config);
            security = ServerSecurity.fromEnvironment(env, allowedOrigins, uds, sessionIdleTimeout,
                    insecureBindAny);
            metrics = MetricsSettings.fromEnvironment(env, metricsHost, metricsPort);
            otel = OtelEnvironment.read(env);
        } catch (IllegalArgumentException e) {
            console.error(e.getMessage());
            return 2;
        }
        boolean http = settings.transport() == PluginServerSettings.Transport.HTTP;
        if (http) {
            var refusal = security.bindRefusal(settings.host()).or(security::unixSocketRefusal);
            if (refusal.isPresent()) {
                console.error(refusal.get());
                return 2;
            }
        }
        if (metrics.separate()) {
            var refusal = security.metricsBindRefusal(metrics.host());
            if (refusal.isPresent()) {
                console.error(refusal.get());
                return 2;
            }
        }
        if (http) {
            security.bindWarning(settings.host()).ifPresent(console::warn);
        }
        if (metrics.separate()) {
            security.metricsBindWarning(metrics.host()).ifPresent(console::warn);
        }
        otel.warnings().forEach(w -> console.warn("warning: " + w));
        if (settings.configPath() == null) {
            console.error("no config: give --config FILE or set PLUGINS_CONFIG_PATH");
            return 2;
        }
        Telemetry telemetry;
        try {
            telemetry = Telemetry.start(otel);
        } catch (IllegalArgumentException e) {
            console.error(e.getMessage());
            return 2;
        }
        try {
            return serve(console, settings, security, metrics, telemetry);
        } finally {
            telemetry.close();
        }
    }

    private int serve(ServeConsole console, PluginServerSettings settings, ServerSecurity security,
            MetricsSettings metrics, Telemetry telemetry) throws InterruptedException {
        LoadedPluginConfig loaded;
        try {
            loaded = PluginConfigLoader.load(settings.configPath(), plugin, env);
        } catch (ConfigException e) {
            console.error(settings.configPath() + " is not valid:");
            PrintStream lines = console.lines();
            e.errors().forEach(line -> lines.println("  " + line));
            lines.flush();
            return 1;
        }
        loaded.warnings().forEach(w -> console.warn("warning: " + w));
        loaded = loaded.withDefaultStore(StoreOptions.EMBEDDED_DEFAULT);
        List<Module> overrides = new ArrayList<>(telemetry.modules());
        overrides.add(b -> Multibinder.newSetBinder(b, DeliveryListener.class).addBinding()
                .toInstance(new DeliveryLog()));
        Herald herald;
        try {
            herald = Herald.start(loaded.herald(), overrides.toArray(Module[]::new));
        } catch (DeliveryStoreException e) {
            console.error("cannot open the delivery store: " + e.getMessage());
            return 1;
        }
        console.info("deliveries are kept in " + loaded.herald().store().describe());
        WebhookNotificationPlugin hooks = new WebhookNotificationPlugin(loaded.pluginName(), herald.dispatcher(),
                loaded.includePayloadData());
        PluginServer server = PluginServer.of(List.of(new HostedPlugin(loaded.entry(), hooks)), settings,
                security);
        boolean http = settings.transport() == PluginServerSettings.Transport.HTTP;
        if (http && !metrics.separate()) {
            server.withMetrics(telemetry.prometheus());
        }
        MetricsServer metricsServer = null;
        try {
            server.start();
            if (metrics.separate()) {
                metricsServer = MetricsServer.start(metrics.host(), metrics.port(), security,
                        telemetry.prometheus());
            }
        } catch (IllegalStateException e) {
            console.error(e.getMessage() + (e.getCause() == null ? "" : ": " + rootMessage(e)));
            server.close();
            herald.close();
            return 1;
        }
        Stopping stopping = new Stopping(console, server, herald, loaded, metricsServer, telemetry);
        Thread shutdown = new Thread(stopping::stop, "herald-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        if (http) {
            console.info("plugin " + loaded.pluginName() + " on " + server.describeEndpoint()
                    + " (health at /health" + (metrics.separate() ? ")" : ", metrics at /metrics)"));
        }
        if (metricsServer != null) {
            console.info("metrics on " + metricsServer.metricsUri());
        }
        server.awaitTermination();
        // Stdin closed (stdio) or the server was closed: drain and leave; the hook must not run twice.
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs the stop, telemetry included: wait for it rather than close anything under its feet.
            stopping.awaitStopped();
            return 0;
        }
        stopping.stop();
        return 0;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage();
    }

    /**
     * The stop, once, from the shutdown hook or after the server ended: drain, report, then the metrics listener
     * and the telemetry (the last push, the last spans), all in the hook when there is one, since the JVM halts as
     * soon as its hooks end.
     */
    private static final class Stopping {
        private final ServeConsole console;
        private final PluginServer server;
        private final Herald herald;
        private final LoadedPluginConfig loaded;
        private final MetricsServer metricsServer;
        private final Telemetry telemetry;
        private final CountDownLatch stopped = new CountDownLatch(1);

        Stopping(ServeConsole console, PluginServer server, Herald herald, LoadedPluginConfig loaded,
                MetricsServer metricsServer, Telemetry telemetry) {
            this.console = console;
            this.server = server;
            this.herald = herald;
            this.loaded = loaded;
            this.metricsServer = metricsServer;
            this.telemetry = telemetry;
        }

        void stop() {
            try {
                server.close();
                CloseReport report = herald.close(loaded.herald().closeTimeout());
                PrintStream lines = console.lines();
                new StopReport(lines).print(report, herald.dispatcher().stats());
                lines.flush();
            } finally {
                try {
                    // Scrapable while the dispatcher drains, so that a scraper sees the drain's last counts.
                    if (metricsServer != null) {
                        metricsServer.close();
                    }
                } finally {
                    telemetry.close();
                    stopped.countDown();
                }
            }
        }

        void awaitStopped() throws InterruptedException {
            stopped.await();
        }
    }
}
