package dev.herald.gateway.server;

import dev.herald.gateway.server.internal.LoopbackNames;
import dev.herald.gateway.server.internal.OriginGuard;
import dev.herald.gateway.server.internal.PemKeyMaterial;
import dev.herald.gateway.server.internal.UnixSocketFile;
import dev.herald.gateway.server.TlsSettings.ClientAuth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may talk to the HTTP plugin server and how: the origins allowed besides loopback ones, TLS with client
 * certificates, a Unix domain socket instead of a TCP port, the idle time after which a session is dropped, and
 * whether binding a non-loopback address without TLS was explicitly allowed.
 *
 * @param allowedOrigins origins ({@code scheme://host[:port]}, lower case) answered besides loopback ones
 * @param tls TLS settings, or null for plain HTTP
 * @param unixSocket the Unix domain socket to serve on instead of host and port, or null
 * @param sessionIdleTimeout how long an MCP session may stay idle before it is dropped, or null for never
 * @param insecureBindAny true when a non-loopback address may be bound without TLS
 */
public record ServerSecurity(Set<String> allowedOrigins, TlsSettings tls, Path unixSocket,
        Duration sessionIdleTimeout, boolean insecureBindAny) {
    public static final String ALLOWED_ORIGINS_VARIABLE = "PLUGINS_SERVER_ALLOWED_ORIGINS";
    public static final String UDS_VARIABLE = "PLUGINS_SERVER_UDS";
    public static final String SESSION_IDLE_TIMEOUT_VARIABLE = "PLUGINS_SERVER_SESSION_IDLE_TIMEOUT";
    public static final String INSECURE_BIND_OPTION = "--insecure-bind-any";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    public ServerSecurity {
        allowedOrigins = Set.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
        if (sessionIdleTimeout != null && (sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero())) {
            throw new IllegalArgumentException("sessionIdleTimeout: must be positive, got " + sessionIdleTimeout);
        }
    }

    /** Loopback origins only, plain HTTP on TCP, sessions kept however long they idle. */
    public static ServerSecurity defaults() {
        return new ServerSecurity(Set.of(), null, null, null, false);
    }

    /** The session idle timeout, empty when sessions are never dropped for idling. */
    public Optional<Duration> idleTimeout() {
        return Optional.ofNullable(sessionIdleTimeout);
    }

    /**
     * The settings from the environment and the command line, the command line winning. The TLS files are read
     * now, so that a missing file, an unreadable PEM or a wrong password stops start-up before anything is bound.
     *
     * @param originOpts {@code --allowed-origin} values (added to the variable's), or an empty list
     * @param udsOpt {@code --uds}, or null to follow {@code PLUGINS_SERVER_UDS}
     * @param idleOpt {@code --session-idle-timeout}, or null to follow its variable
     * @param insecureBindAny {@code --insecure-bind-any}
     * @throws IllegalArgumentException naming the variable or option whose value is bad
     */
    public static ServerSecurity fromEnvironment(Map<String, String> env, List<String> originOpts, String udsOpt,
            String idleOpt, boolean insecureBindAny) {
        Objects.requireNonNull(env, "env");
        Set<String> origins = new LinkedHashSet<>();
        if (env.containsKey(ALLOWED_ORIGINS_VARIABLE)) {
            for (String o : env.get(ALLOWED_ORIGINS_VARIABLE).split(",", -1)) {
                if (!o.isBlank()) {
                    origins.add(origin(o, ALLOWED_ORIGINS_VARIABLE));
                }
            }
        }
        for (String o : originOpts == null ? List.<String>of() : originOpts) {
            origins.add(origin(o, "--allowed-origin"));
        }
        Path uds = udsOpt != null ? PluginServerSettings.path(udsOpt, "--uds")
                : env.containsKey(UDS_VARIABLE) ? PluginServerSettings.path(env.get(UDS_VARIABLE), UDS_VARIABLE) : null;
        Duration idle = idleOpt != null ? duration(idleOpt, "--session-idle-timeout")
                : env.containsKey(SESSION_IDLE_TIMEOUT_VARIABLE)
                ? duration(env.get(SESSION_IDLE_TIMEOUT_VARIABLE), SESSION_IDLE_TIMEOUT_VARIABLE) : null;
        TlsSettings tls = tls(env);
        if (tls != null && uds != null) {
            throw new IllegalArgumentException((udsOpt != null ? "--uds" : UDS_VARIABLE) + ": TLS is not used over"
                    + " a Unix domain socket; unset " + TlsSettings.ENABLED_VARIABLE + " or the socket");
        }
        if (tls != null) {
            PemKeyMaterial.load(tls);
        }
        return new ServerSecurity(origins, tls, uds, idle, insecureBindAny);
    }

    /**
     * Why binding this host is refused, if it is: a non-loopback address without TLS and without
     * {@value #INSECURE_BIND_OPTION}. A Unix domain socket binds no address.
     */
    public Optional<String> bindRefusal(String host) {
        if (unixSocket != null || tls != null || insecureBindAny || LoopbackNames.isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("refusing to serve on " + host + " without TLS: anyone who can reach it could have"
                + " signed webhooks sent; set " + TlsSettings.ENABLED_VARIABLE + "=true with a key and certificate,"
                + " or pass " + INSECURE_BIND_OPTION + " to allow it");
    }

    /**
     * Why the Unix domain socket cannot be served on, if it cannot (a server listens on it, or it is not a
     * socket), so that start-up can stop before it opens anything else. A stale socket file is no problem.
     */
    public Optional<String> unixSocketRefusal() {
        return unixSocket == null ? Optional.empty() : UnixSocketFile.problem(unixSocket);
    }

    /**
     * Why the metrics listener may not bind this host, if it may not: as {@link #bindRefusal}, though a Unix
     * domain socket does not help, since the metrics listener binds a TCP port all the same.
     */
    public Optional<String> metricsBindRefusal(String host) {
        if (tls != null || insecureBindAny || LoopbackNames.isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("refusing to serve metrics on " + host + " without TLS: anyone who can reach it could"
                + " read them; set " + TlsSettings.ENABLED_VARIABLE + "=true with a key and certificate, or pass "
                + INSECURE_BIND_OPTION + " to allow it");
    }

    /** The warning to print when the metrics listener binds a non-loopback address without TLS, as allowed. */
    public Optional<String> metricsBindWarning(String host) {
        if (tls != null || !insecureBindAny || LoopbackNames.isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("WARN serving metrics on " + host + " over plain HTTP without authentication ("
                + INSECURE_BIND_OPTION + ")");
    }

    /** The warning to print when a non-loopback address is bound without TLS because it was allowed. */
    public Optional<String> bindWarning(String host) {
        if (unixSocket != null || tls != null || !insecureBindAny || LoopbackNames.isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("WARN serving on " + host + " over plain HTTP without authentication ("
                + INSECURE_BIND_OPTION + "): anyone who can reach it can have signed webhooks sent");
    }

    private static String origin(String value, String source) {
        return OriginGuard.normalizeConfigured(value).orElseThrow(() -> new IllegalArgumentException(source
                + ": must be an origin such as https://gateway.example.com:8443 (scheme://host[:port], no path),"
                + " got '" + value.strip() + "'"));
    }

    private static TlsSettings tls(Map<String, String> env) {
        String enabled = env.get(TlsSettings.ENABLED_VARIABLE);
        if (enabled == null || !bool(enabled, TlsSettings.ENABLED_VARIABLE)) {
            return null;
        }
        Path key = requiredPath(env, TlsSettings.KEYFILE_VARIABLE);
        Path cert = requiredPath(env, TlsSettings.CERTFILE_VARIABLE);
        String caValue = env.get(TlsSettings.CA_CERTS_VARIABLE);
        Path ca = caValue == null || caValue.isBlank() ? null
                : PluginServerSettings.path(caValue, TlsSettings.CA_CERTS_VARIABLE);
        String password = env.get(TlsSettings.KEYFILE_PASSWORD_VARIABLE);
        if (password != null && password.isEmpty()) {
            password = null;
        }
        return new TlsSettings(key, cert, ca, password, clientAuth(env.get(TlsSettings.CERT_REQS_VARIABLE)));
    }

    private static Path requiredPath(Map<String, String> env, String variable) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(variable + ": must name a PEM file when "
                    + TlsSettings.ENABLED_VARIABLE + " is true");
        }
        return PluginServerSettings.path(value, variable);
    }

    private static ClientAuth clientAuth(String value) {
        if (value == null) {
            return ClientAuth.REQUIRED;
        }
        return switch (value.strip()) {
            case "0" -> ClientAuth.NONE;
            case "1" -> ClientAuth.OPTIONAL;
            case "2" -> ClientAuth.REQUIRED;
            default -> throw new IllegalArgumentException(TlsSettings.CERT_REQS_VARIABLE + ": must be 0 (no client"
                    + " certificate), 1 (optional) or 2 (required), got '" + value + "'");
        };
    }

    private static boolean bool(String value, String source) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off", "" -> false;
            default -> throw new IllegalArgumentException(source + ": must be true or false, got '" + value + "'");
        };
    }

    private static Duration duration(String value, String source) {
        Matcher m = DURATION.matcher(value == null ? "" : value.strip().toLowerCase(Locale.ROOT));
        long amount = m.matches() ? Long.parseLong(m.group(1)) : 0;
        if (amount <= 0) {
            throw new IllegalArgumentException(source + ": must be a positive duration such as 300, 90s, 30m or"
                    + " 2h (seconds when no unit is given), got '" + value + "'");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
