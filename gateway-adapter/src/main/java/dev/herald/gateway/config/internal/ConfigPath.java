package dev.herald.gateway.config.internal;

/** Builds the paths that errors name: {@code plugins[0].config.webhooks[1].retry_delay}. */
public final class ConfigPath {
    private ConfigPath() {}

    /**
     * The path of a key under a parent; the root is the empty path. The key is made printable and cut to a readable
     * length: paths end up in messages and logs, and a key is text from the file.
     */
    public static String child(String parent, String key) {
        String printable = Values.printable(key);
        return parent.isEmpty() ? printable : parent + "." + printable;
    }

    /** The path of a list element. */
    public static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }
}
