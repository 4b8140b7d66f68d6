package dev.herald.gateway.config.internal;

/** Builds the paths that errors name: {@code plugins[0].config.webhooks[1].retry_delay}. */
public final class ConfigPath {
    private ConfigPath() {}

    /** The path of a key under a parent; the root is the empty path. */
    public static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** The path of a list element. */
    public static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }
}
