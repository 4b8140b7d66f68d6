package dev.herald.gateway.config.internal;

import dev.herald.gateway.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the webhook plugin's entry in a parsed file: either a whole gateway {@code plugins/config.yaml}, where the
 * entry is picked by name or else by kind, or a file holding only the plugin's {@code config} block.
 *
 * @param entry the plugin entry (for a config-block file, null: the caller builds a synthetic one)
 * @param block the plugin's {@code config} block, possibly null
 * @param entryPath the path of the entry in error messages, {@code plugins[2]}; empty for a config-block file
 *     and for a file holding one entry
 * @param blockPath the path of the config block, {@code plugins[2].config}; empty for a config-block file,
 *     {@code config} for one whose top level is the block's {@code config:} key
 */
public record EntrySelection(Map<String, Object> entry, Object block, String entryPath, String blockPath) {
    /** The end of the seed plugin's {@code kind}, whatever package the gateway installs it in. */
    public static final String WEBHOOK_KIND_SUFFIX = "webhook_notification.WebhookNotificationPlugin";
    private static final String EXTERNAL_KIND = "external";

    /** Whether this is a config-block file, for which the caller builds the entry. */
    public boolean isConfigBlockOnly() {
        return entry == null;
    }

    /**
     * Selects the entry.
     *
     * @param pluginName the entry's name, matched ignoring case; null to pick the one webhook plugin by kind
     * @throws ConfigException when the file has neither form, or no entry or several entries match
     */
    @SuppressWarnings("unchecked")
    public static EntrySelection select(Object root, String source, String pluginName) throws ConfigException {
        if (!(root instanceof Map<?, ?> top)) {
            throw fail(source + ": expected a map at the top level (a gateway plugins file or a webhook plugin"
                    + " config block), got " + (root == null ? "an empty document" : Values.kind(root)));
        }
        if (top.containsKey("plugins")) {
            return fromPluginsFile(top.get("plugins"), pluginName);
        }
        if (top.containsKey("webhooks")) {
            return new EntrySelection(null, top, "", "");
        }
        if (top.get("config") instanceof Map<?, ?> block && block.containsKey("webhooks")) {
            // Copied from a gateway file: the block with its key, or the whole entry (name, kind, config).
            return top.size() == 1 ? new EntrySelection(null, block, "", "config")
                    : new EntrySelection((Map<String, Object>) top, block, "", "config");
        }
        String hint = "";
        for (Object key : top.keySet()) {
            hint = Suggestions.hint(String.valueOf(key), List.of("plugins", "webhooks"));
            if (!hint.isEmpty()) {
                hint = " (found '" + Values.printable(String.valueOf(key)) + "': did you mean" + hint.substring(
                        " (did you mean".length());
                break;
            }
        }
        throw fail(source + ": expected a gateway plugins file (a top-level 'plugins' list) or a webhook plugin"
                + " config block (a top-level 'webhooks' list, or 'config:' holding one)" + hint);
    }

    @SuppressWarnings("unchecked")
    private static EntrySelection fromPluginsFile(Object plugins, String pluginName) throws ConfigException {
        if (plugins != null && !(plugins instanceof List<?>)) {
            throw fail("plugins: expected a list, got " + Values.kind(plugins));
        }
        List<?> entries = plugins == null ? List.of() : (List<?>) plugins;
        List<Integer> matches = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Map<?, ?> e) {
                Object name = e.get("name");
                if (name instanceof String s) {
                    names.add(s);
                }
                boolean match = pluginName != null
                        ? name instanceof String s && s.toLowerCase(Locale.ROOT).equals(pluginName.toLowerCase(Locale.ROOT))
                        : e.get("kind") instanceof String k && k.endsWith(WEBHOOK_KIND_SUFFIX);
                if (match) {
                    matches.add(i);
                }
            }
        }
        if (matches.isEmpty()) {
            throw fail(pluginName != null
                    ? "plugins: no plugin named " + Values.quote(pluginName) + "; plugins: "
                            + (names.isEmpty() ? "none" : String.join(", ", names)) + Suggestions.hint(pluginName, names)
                    : "plugins: no webhook notification plugin (an entry whose kind ends in '" + WEBHOOK_KIND_SUFFIX
                            + "'); name the plugin to load (--plugin NAME)");
        }
        if (matches.size() > 1) {
            throw fail("plugins: " + matches.size() + (pluginName != null
                    ? " plugins are named " + Values.quote(pluginName) + " (" + describe(entries, matches)
                            + "); a plugin's name must be unique"
                    : " webhook notification plugins (" + describe(entries, matches)
                            + "); name the one to load (--plugin NAME)"));
        }
        int index = matches.get(0);
        Map<String, Object> entry = (Map<String, Object>) entries.get(index);
        String entryPath = ConfigPath.index("plugins", index);
        if (EXTERNAL_KIND.equals(entry.get("kind"))) {
            throw fail(entryPath + ".kind: 'external' entries hold no config (the gateway forbids it); load the"
                    + " plugin server's own config file, where the entry has the plugin's kind and config");
        }
        return new EntrySelection(entry, entry.get("config"), entryPath, ConfigPath.child(entryPath, "config"));
    }

    private static String describe(List<?> entries, List<Integer> indexes) {
        List<String> out = new ArrayList<>();
        for (int i : indexes) {
            Object name = ((Map<?, ?>) entries.get(i)).get("name");
            out.add(ConfigPath.index("plugins", i) + (name instanceof String s ? " " + Values.quote(s) : ""));
        }
        return String.join(", ", out);
    }

    private static ConfigException fail(String error) {
        return new ConfigException(List.of(error));
    }
}
