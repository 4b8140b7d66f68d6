package dev.herald.core.endpoint;

import dev.herald.core.retry.RetryPolicy;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook receiver: the seed's webhook entry, with Herald's additions (a name, extra headers, a template).
 *
 * <p>Every field is validated at construction, with a message that names the field, so a bad config fails at
 * start-up rather than at the first delivery.
 */
public final class Endpoint {
    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(120);
    private static final int MAX_PORT = 65_535;
    /** A port after the host, as Java's URI reads it: digits only, after the last colon. */
    private static final Pattern PORT = Pattern.compile(":([0-9]+)$");

    private final String name;
    private final URI url;
    private final EventFilter filter;
    private final AuthSpec authentication;
    private final RetryPolicy retryPolicy;
    private final Duration timeout;
    private final boolean enabled;
    private final Map<String, String> headers;
    private final String template;
    private final boolean propagateTraceContext;

    private Endpoint(Builder b) {
        this.name = requireName(b.name);
        this.url = requireUrl(b.url);
        this.filter = Objects.requireNonNull(b.filter, "events");
        this.authentication = Objects.requireNonNull(b.authentication, "authentication");
        this.retryPolicy = Objects.requireNonNull(b.retryPolicy, "retry policy");
        this.timeout = requireTimeout(b.timeout);
        this.enabled = b.enabled;
        this.headers = requireHeaders(b.headers);
        this.template = b.template;
        this.propagateTraceContext = b.propagateTraceContext;
    }

    /** Starts an endpoint for the given URL, with the seed's defaults for everything else. */
    public static Builder builder(String url) {
        return new Builder().url(url);
    }

    /** A name unique among the endpoints, used in logs, metrics and the delivery record. */
    public String name() {
        return name;
    }

    public URI url() {
        return url;
    }

    public EventFilter filter() {
        return filter;
    }

    public AuthSpec authentication() {
        return authentication;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The bound on each request, 1..120 s. */
    public Duration timeout() {
        return timeout;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Extra headers sent with every request, in order; none is one the transport sets (Host, Content-Length...). */
    public Map<String, String> headers() {
        return headers;
    }

    /** The key of a template this endpoint always uses, instead of the per-event-type selection. */
    public Optional<String> template() {
        return Optional.ofNullable(template);
    }

    /**
     * Whether a tracer may send this endpoint the W3C trace context of each attempt ({@code traceparent},
     * {@code tracestate}); false by default, since it hands trace ids to a third party.
     */
    public boolean propagateTraceContext() {
        return propagateTraceContext;
    }

    /** A builder holding this endpoint's fields. */
    public Builder toBuilder() {
        return new Builder().name(name).url(url.toString()).filter(filter).authentication(authentication)
                .retryPolicy(retryPolicy).timeout(timeout).enabled(enabled).headers(headers).template(template)
                .propagateTraceContext(propagateTraceContext);
    }

    @Override
    public String toString() {
        // The URL may carry a token in its path (Slack, Teams, Discord) or its query; show scheme, host, port.
        return "Endpoint[" + name + " " + url.getScheme() + "://" + url.getRawAuthority() + "]";
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must not be blank");
        }
        if (name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("name: at most 200 characters and no control characters");
        }
        return name;
    }

    private static URI requireUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url: must not be blank");
        }
        URI uri;
        try {
            uri = new URI(asciiHost(url));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url: not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url: scheme must be http or https, got " + (scheme.isEmpty()
                    ? "none" : scheme));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(unreadableHost(uri.getRawAuthority()));
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > MAX_PORT)) {
            // Else every delivery would fail, and be retried, with an I/O error that never names the port.
            throw new IllegalArgumentException("url: port must be between 1 and " + MAX_PORT + ", got "
                    + uri.getPort());
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url: must not carry credentials; use authentication instead");
        }
        return uri;
    }

    /**
     * Why the URL has no host. Java's URI gives none for IPv4 shorthands such as {@code 127.1} or
     * {@code 0x7f.0.0.1}, which browsers read as addresses; the message names the host, never user info.
     */
    private static String unreadableHost(String authority) {
        if (authority == null || authority.isEmpty()) {
            return "url: must name a host";
        }
        Matcher port = PORT.matcher(authority);
        if (port.find() && (port.group(1).length() > 5 || Integer.parseInt(port.group(1)) > MAX_PORT)) {
            // Too long for an int, so Java's URI gave up on the whole authority.
            return "url: port must be between 1 and " + MAX_PORT + ", got " + (port.group(1).length() > 12
                    ? port.group(1).substring(0, 12) + "..." : port.group(1));
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":[0-9]*$", "");
        return "url: host '" + host + "' is neither a host name nor an IP address written in full (an IPv4"
                + " address as four decimal numbers, e.g. 127.0.0.1)";
    }

    /**
     * The URL with an internationalised host name written in ASCII (IDNA: {@code bücher.example} is
     * {@code xn--bcher-kva.example}), which is what DNS, TLS and the URI class take.
     */
    private static String asciiHost(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return url;
        }
        start += 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        if (authority.chars().allMatch(c -> c < 0x80)) {
            return url;
        }
        int hostStart = authority.lastIndexOf('@') + 1;
        int hostEnd = authority.lastIndexOf(':');
        if (hostEnd < hostStart || authority.startsWith("[", hostStart)) {
            hostEnd = authority.length();
        }
        String host = authority.substring(hostStart, hostEnd);
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: host '" + printable(host) + "' is not a valid"
                    + " internationalised domain name (IDNA): " + idnaReason(e));
        }
        return url.substring(0, start) + authority.substring(0, hostStart) + ascii + authority.substring(hostEnd)
                + url.substring(end);
    }

    private static String idnaReason(IllegalArgumentException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("label") && m.contains("long")) {
            return "a label is longer than 63 characters";
        }
        if (m.contains("std3")) {
            return "it holds a character no host name may hold (only letters, digits and '-' between dots)";
        }
        return "it cannot be written in ASCII";
    }

    private static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(64).forEach(c -> sb.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return sb.toString();
    }

    private static Duration requireTimeout(Duration timeout) {
        if (timeout == null || timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout: must be between 1 and 120 seconds, got "
                    + (timeout == null ? "none" : timeout.toMillis() / 1000.0));
        }
        return timeout;
    }

    private static Map<String, String> requireHeaders(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            HeaderRules.requireValidName(k, "headers");
            HeaderRules.requireConfigurableName(k, "headers." + k);
            HeaderRules.requireValidValue(v, "headers." + k);
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Builds an {@link Endpoint}; defaults are the seed's. */
    public static final class Builder {
        private String name;
        private String url;
        private EventFilter filter = EventFilter.DEFAULT;
        private AuthSpec authentication = AuthSpec.NONE;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Duration timeout = Duration.ofSeconds(10);
        private boolean enabled = true;
        private Map<String, String> headers = Map.of();
        private String template;
        private boolean propagateTraceContext;

        private Builder() {}

        /**
         * The name; defaults to the URL's host and port, followed by a digest of its path and query when it has
         * them ({@code hooks.slack.com/5d41402a}): names go to logs and records, and the path of a Slack, Teams
         * or Discord URL is its credential.
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder filter(EventFilter filter) {
            this.filter = filter;
            return this;
        }

        public Builder authentication(AuthSpec authentication) {
            this.authentication = authentication;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            this.headers = headers;
            return this;
        }

        public Builder template(String template) {
            this.template = template;
            return this;
        }

        /**
         * Whether a tracer may add the attempt's W3C trace context to the requests ({@code traceparent}, and
         * {@code tracestate} when there is one); false by default. A header of the same name among
         * {@link #headers} wins: the tracer does not replace it.
         */
        public Builder propagateTraceContext(boolean propagateTraceContext) {
            this.propagateTraceContext = propagateTraceContext;
            return this;
        }

        public Endpoint build() {
            if (name == null && url != null) {
                name = defaultName(url);
            }
            return new Endpoint(this);
        }

        private static String defaultName(String url) {
            try {
                URI u = new URI(url);
                if (u.getHost() == null) {
                    return "webhook";
                }
                String hostAndPort = u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
                String rest = (u.getRawPath() == null ? "" : u.getRawPath())
                        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
                return rest.isEmpty() || rest.equals("/") ? hostAndPort : hostAndPort + "/" + digest(rest);
            } catch (URISyntaxException e) {
                return "webhook";
            }
        }

        /** Eight hex digits of the text's SHA-256: tells paths apart without revealing them. */
        private static String digest(String text) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(hash, 0, 4);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
