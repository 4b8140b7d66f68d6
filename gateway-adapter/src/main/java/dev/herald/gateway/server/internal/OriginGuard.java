package dev.herald.gateway.server.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The first filter in front of {@code /mcp}: what the MCP streamable HTTP transport asks of a server so that a web
 * page cannot drive it. A request whose {@code Origin} is neither loopback nor allowed gets 403, and so does one
 * whose {@code Host} is not a loopback name while the server is bound to loopback (DNS rebinding: a page's own
 * name that now resolves to 127.0.0.1). A request without {@code Origin} (not a browser) passes.
 */
public final class OriginGuard implements Filter {
    private final Set<String> allowedOrigins;
    private final boolean loopbackHostOnly;

    /**
     * @param allowedOrigins normalized origins ({@link #normalizeConfigured}) allowed besides loopback ones
     * @param loopbackHostOnly true when bound to loopback: only loopback {@code Host} headers are answered
     */
    public OriginGuard(Set<String> allowedOrigins, boolean loopbackHostOnly) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.loopbackHostOnly = loopbackHostOnly;
    }

    /**
     * A configured origin in the form requests are compared in ({@code scheme://host[:port]}, lower case, no
     * default port dropped: an origin is matched exactly), or empty when it is not an http(s) origin.
     */
    public static Optional<String> normalizeConfigured(String value) {
        return parse(value == null ? "" : value.strip());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String origin = request.getHeader("Origin");
        if (origin != null && !originAllowed(origin)) {
            forbid(response, "Origin not allowed: only loopback origins and those given with --allowed-origin"
                    + " or PLUGINS_SERVER_ALLOWED_ORIGINS may call this server");
            return;
        }
        if (loopbackHostOnly && !LoopbackNames.isLoopback(hostOf(request.getHeader("Host")))) {
            forbid(response, "Host not allowed: this server is bound to loopback and answers only a loopback"
                    + " Host (localhost, 127.0.0.1, [::1])");
            return;
        }
        chain.doFilter(req, res);
    }

    private boolean originAllowed(String origin) {
        Optional<String> parsed = parse(origin.strip());
        if (parsed.isEmpty()) {
            return false;
        }
        return allowedOrigins.contains(parsed.get()) || LoopbackNames.isLoopback(URI.create(parsed.get()).getHost());
    }

    private static Optional<String> parse(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return Optional.of(scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }

    /** The host part of a Host header: {@code [::1]:8000} gives {@code [::1]}, {@code localhost:8000} {@code localhost}. */
    private static String hostOf(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static void forbid(HttpServletResponse response, String message) throws IOException {
        // A JSON-RPC error without an id (the request was not read); the message is fixed text, never the
        // header's value, so that nothing a caller sent is reflected.
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":\"" + message
                + "\"}}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
