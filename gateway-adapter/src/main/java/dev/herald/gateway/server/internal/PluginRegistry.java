package dev.herald.gateway.server.internal;

import dev.herald.gateway.server.HostedPlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The hosted plugins by name, matched case-insensitively as the gateway's own plugin server does. */
public final class PluginRegistry {
    private final List<HostedPlugin> plugins;
    private final Map<String, HostedPlugin> byKey = new LinkedHashMap<>();

    /** @throws IllegalArgumentException when two plugins share a name, case aside */
    public PluginRegistry(List<HostedPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
        for (HostedPlugin p : this.plugins) {
            HostedPlugin clash = byKey.putIfAbsent(key(p.name()), p);
            if (clash != null) {
                throw new IllegalArgumentException("plugin names must be unique, case aside: '" + clash.name()
                        + "' and '" + p.name() + "'");
            }
        }
    }

    /** The plugin of that name, case aside. */
    public Optional<HostedPlugin> find(String name) {
        return Optional.ofNullable(byKey.get(key(name)));
    }

    public List<HostedPlugin> plugins() {
        return plugins;
    }

    public List<String> names() {
        return plugins.stream().map(HostedPlugin::name).toList();
    }

    public List<Map<String, Object>> configEntries() {
        return plugins.stream().map(HostedPlugin::configEntry).toList();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
