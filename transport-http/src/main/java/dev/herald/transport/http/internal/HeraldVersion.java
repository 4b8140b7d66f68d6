package dev.herald.transport.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Herald's version, as the build wrote it into a resource, for the User-Agent header. */
public final class HeraldVersion {
    private static final String VERSION = load();

    private HeraldVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = HeraldVersion.class.getResourceAsStream("herald-version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "").trim();
                // An unfiltered resource (an IDE build) still reads ${project.version}.
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // Fall through: a missing version must not stop the transport.
        }
        return "dev";
    }
}
