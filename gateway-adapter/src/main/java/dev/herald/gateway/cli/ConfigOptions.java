package dev.herald.gateway.cli;

import dev.herald.gateway.config.ConfigException;
import dev.herald.gateway.config.LoadedPluginConfig;
import dev.herald.gateway.config.PluginConfigLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads a config shares. */
final class ConfigOptions {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "A gateway plugins/config.yaml, or a file holding only the plugin's config: block.")
    Path config;

    @Option(names = "--plugin", paramLabel = "NAME",
            description = "The plugin entry to use, by name (default: the one whose kind is the webhook plugin's).")
    String plugin;

    /** The loaded config, or null after printing every error to {@code err}. */
    LoadedPluginConfig load(String command, PrintStream err) {
        try {
            return PluginConfigLoader.load(config, plugin, System.getenv());
        } catch (ConfigException e) {
            err.println(command + ": " + config + " is not valid:");
            e.errors().forEach(line -> err.println("  " + line));
            return null;
        }
    }
}
