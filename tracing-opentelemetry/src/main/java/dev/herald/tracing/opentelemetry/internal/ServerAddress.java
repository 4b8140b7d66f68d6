package dev.herald.tracing.opentelemetry.internal;

import java.net.URI;
import java.util.Locale;

/**
 * Where an endpoint's requests go, as the HTTP client conventions name it: {@code server.address},
 * {@code server.port} and a {@code url.full} that shows neither path nor query.
 *
 * @param address the host name or IP address, an IPv6 address without its brackets
 * @param port the port, the scheme's default when the URL names none
 * @param redactedUrl the scheme, host and port, and {@value #REDACTED_PATH} for any path, query or fragment
 */
record ServerAddress(String address, long port, String redactedUrl) {
    /**
     * What stands for a URL's path and query in {@code url.full}: a webhook URL's path or query may be its
     * credential (a Slack or Teams hook is nothing else). {@code REDACTED} is the semantic conventions' word for a
     * value taken out, and keeps the attribute a URL that tools can parse.
     */
    static final String REDACTED_PATH = "/REDACTED";

    /** The address of an endpoint's URL, which {@code Endpoint} has checked: absolute, http or https, no user info. */
    static ServerAddress of(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        int explicit = url.getPort();
        long port = explicit != -1 ? explicit : scheme.equals("https") ? 443 : 80;
        String path = url.getRawPath();
        boolean hidden = (path != null && !path.isEmpty() && !path.equals("/")) || url.getRawQuery() != null
                || url.getRawFragment() != null;
        // Host and port only: never the authority as written, which could hold user information.
        String redacted = scheme + "://" + host + (explicit != -1 ? ":" + explicit : "")
                + (hidden ? REDACTED_PATH : "/");
        String address = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return new ServerAddress(address, port, redacted);
    }
}
