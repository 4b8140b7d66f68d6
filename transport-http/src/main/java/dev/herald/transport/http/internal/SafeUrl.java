package dev.herald.transport.http.internal;

import java.net.URI;

/**
 * A URL as it may appear in messages and logs: scheme, host and port only. Webhook URLs often carry their secret
 * in the path or the query (Slack, Teams, Discord), so neither is ever printed.
 */
public final class SafeUrl {
    private SafeUrl() {}

    public static String of(URI url) {
        if (url == null) {
            return "(no URL)";
        }
        String host = HostLiteral.hostOf(url);
        if (host == null || host.isEmpty()) {
            return url.getScheme() == null ? "(URL without a scheme)" : url.getScheme() + "://(no host)";
        }
        return url.getScheme() + "://" + host + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }
}
