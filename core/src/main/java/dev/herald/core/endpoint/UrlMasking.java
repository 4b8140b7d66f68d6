package dev.herald.core.endpoint;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * How a URL is shown anywhere outside the process: {@code check}'s output, the config handed to the gateway, logs
 * and messages. A webhook URL's path or query may be its credential (a Slack or Teams hook is nothing else), and
 * user information in a URL is one: only the scheme, host and port are shown. A database URL keeps its database,
 * which is no secret, and loses its parameters, which may hold a password.
 */
public final class UrlMasking {
    /** What stands for a webhook URL's path and query. */
    public static final String HIDDEN_PATH = "/… (path and query not shown)";
    /** What stands for a database URL's parameters. */
    public static final String HIDDEN_PARAMETERS = "?...";
    /** What stands for user information, a URL's own password. */
    public static final String HIDDEN_USER = "…@";
    /** What stands for a URL that does not even parse: none of it is shown. */
    public static final String UNPARSEABLE = "(a URL that does not parse; not shown)";

    private UrlMasking() {}

    /**
     * Scheme, host and port; the path and query replaced by {@link #HIDDEN_PATH} when there are any (a bare
     * {@code /} is kept).
     */
    public static String endpoint(URI url) {
        if (url.getScheme() == null || url.getRawAuthority() == null) {
            return UNPARSEABLE;
        }
        String path = url.getRawPath();
        boolean hidden = (path != null && !path.isEmpty() && !path.equals("/")) || url.getRawQuery() != null
                || url.getRawFragment() != null;
        // A bare "/" stays as written: it hides nothing, and the URL reads as the user wrote it.
        return url.getScheme() + "://" + authority(url.getRawAuthority()) + (hidden ? HIDDEN_PATH
                : path == null ? "" : path);
    }

    /** As {@link #endpoint(URI)}, for a URL given as text. */
    public static String endpoint(String url) {
        try {
            return endpoint(new URI(url));
        } catch (URISyntaxException e) {
            return UNPARSEABLE;
        }
    }

    /** A JDBC URL without its parameters and user information; its host, port and database kept. */
    public static String database(String jdbcUrl) {
        String url = jdbcUrl;
        String hiddenParameters = "";
        int q = url.indexOf('?');
        if (q >= 0) {
            url = url.substring(0, q);
            hiddenParameters = HIDDEN_PARAMETERS;
        }
        int slashes = url.indexOf("//");
        if (slashes >= 0) {
            int start = slashes + 2;
            int end = url.indexOf('/', start);
            String authority = end < 0 ? url.substring(start) : url.substring(start, end);
            url = url.substring(0, start) + authority(authority) + (end < 0 ? "" : url.substring(end));
        }
        return url + hiddenParameters;
    }

    /** Any URL handed out in a config: a JDBC URL as {@link #database}, any other as {@link #endpoint(String)}. */
    public static String any(String url) {
        return url.startsWith("jdbc:") ? database(url) : endpoint(url);
    }

    private static String authority(String rawAuthority) {
        int at = rawAuthority.lastIndexOf('@');
        return at < 0 ? rawAuthority : HIDDEN_USER + rawAuthority.substring(at + 1);
    }
}
