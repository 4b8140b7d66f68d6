package dev.herald.gateway.config;

import dev.herald.core.endpoint.Condition;
import dev.herald.gateway.config.internal.EntryInfo;
import dev.herald.gateway.config.internal.EntrySelection;
import dev.herald.gateway.config.internal.EnvInterpolation;
import dev.herald.gateway.config.internal.PluginBlock;
import dev.herald.gateway.config.internal.Problems;
import dev.herald.gateway.config.internal.SecretRedaction;
import dev.herald.gateway.config.internal.YamlTree;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads the webhook plugin's configuration from the gateway's YAML, exactly as the seed plugin accepted it, plus
 * Herald's own keys.
 *
 * <p>The file is either a whole gateway {@code plugins/config.yaml} (a {@code plugins} list; {@code plugin_dirs},
 * {@code plugin_settings} and every other plugin are ignored), from which the webhook plugin's entry is picked by
 * name or else by its kind, or a file holding only the plugin's {@code config} block: its content (a top-level
 * {@code webhooks}), or the block with its key as copied from the gateway file ({@code config:} holding
 * {@code webhooks}), alone or with the rest of the entry. String values may reference the environment as
 * {@code {{ env.NAME }}}.
 *
 * <p>Everything a later stage would refuse is checked here, by the code of that stage (endpoints, retry policies,
 * signers, templates, the HTTP transport), and every problem is reported at once in one {@link ConfigException},
 * each naming its path: {@code plugins[0].config.webhooks[1].retry_delay: must be between 100 and 60000, got 50}.
 * No error message quotes a secret, nor any value read from the environment.
 */
public final class PluginConfigLoader {
    private PluginConfigLoader() {}

    /**
     * Loads a config file.
     *
     * @param file a gateway plugins file or a plugin config block, in YAML
     * @param pluginName the plugin entry's name, matched ignoring case; null to pick the one entry whose kind ends
     *     in {@code webhook_notification.WebhookNotificationPlugin}
     * @param environment what {@code {{ env.NAME }}} references read, usually {@link System#getenv()}
     * @throws ConfigException listing every problem, each with its path
     */
    public static LoadedPluginConfig load(Path file, String pluginName, Map<String, String> environment)
            throws ConfigException {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(file + ": not UTF-8 text"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read (" + e.getClass().getSimpleName() + ")"));
        }
        return loadString(text, file.toString(), pluginName, environment);
    }

    /**
     * Loads a config from its text, as {@link #load} does.
     *
     * @param sourceName the file's name, for error messages
     */
    public static LoadedPluginConfig loadString(String yaml, String sourceName, String pluginName,
            Map<String, String> environment) throws ConfigException {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(environment, "environment");
        Problems problems = new Problems();
        try {
            return read(yaml, sourceName, pluginName, environment, problems);
        } catch (RuntimeException e) {
            // A reader that lets an exception through is a bug, but the user still gets what was found, and no
            // stack trace: a config is hostile input, and its checker must not be the thing that breaks.
            List<String> errors = new ArrayList<>(problems.errors());
            errors.add(sourceName + ": Herald could not finish checking this config (an internal error; please"
                    + " report it with the keys the file sets)");
            throw new ConfigException(errors);
        }
    }

    private static LoadedPluginConfig read(String yaml, String sourceName, String pluginName,
            Map<String, String> environment, Problems problems) throws ConfigException {
        EntrySelection selected = EntrySelection.select(YamlTree.parse(yaml, sourceName), sourceName, pluginName);
        Map<String, Object> entry;
        Optional<EntryInfo> info;
        if (selected.isConfigBlockOnly()) {
            EntryInfo seed = EntryInfo.seed();
            entry = seed.asEntry(EnvInterpolation.apply(selected.block(), selected.blockPath(), environment,
                    problems));
            info = Optional.of(seed);
        } else {
            entry = asMap(EnvInterpolation.apply(selected.entry(), selected.entryPath(), environment, problems));
            info = EntryInfo.read(entry, selected.entryPath(), problems);
        }
        SecretRedaction.secretsIn(entry).forEach(problems::maskEverywhere);
        String name = info.map(EntryInfo::name).orElse(EntryInfo.SEED_NAME);
        List<Condition> conditions = info.map(EntryInfo::conditions).orElse(List.of());
        Optional<PluginBlock> block = PluginBlock.read(entry.get("config"), selected.blockPath(), name, conditions,
                problems);
        if (!problems.isEmpty() || info.isEmpty() || block.isEmpty()) {
            throw new ConfigException(problems.errors());
        }
        EntryInfo e = info.get();
        return new LoadedPluginConfig(e.name(), e.kind(), e.hooks(), e.mode(), e.priority(), e.conditions(),
                block.get().herald(), block.get().includePayloadData(), block.get().storeConfigured(),
                SecretRedaction.redact(e.completed(entry)), problems.warnings());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object interpolated) {
        return (Map<String, Object>) interpolated;
    }
}
