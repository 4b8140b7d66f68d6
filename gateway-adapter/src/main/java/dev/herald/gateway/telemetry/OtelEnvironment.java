package dev.herald.gateway.telemetry;

import dev.herald.core.endpoint.UrlMasking;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code herald serve} sends to an OpenTelemetry collector, read from the standard {@code OTEL_*} variables.
 * Nothing is sent unless they say so: with none set, every exporter is {@code none}.
 *
 * <ul>
 *   <li>Traces: {@code OTEL_TRACES_EXPORTER} as the SDK reads it; unset, {@code otlp} when
 *       {@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} is set, else {@code none}.
 *   <li>Metrics (pushed by Micrometer, beside {@code GET /metrics}): {@code OTEL_METRICS_EXPORTER=otlp} turns the
 *       push on and {@code none} off; unset, it is on when {@code OTEL_EXPORTER_OTLP_ENDPOINT} or
 *       {@code OTEL_EXPORTER_OTLP_METRICS_ENDPOINT} is set. It goes to {@code OTEL_EXPORTER_OTLP_METRICS_ENDPOINT}
 *       as given, else to {@code OTEL_EXPORTER_OTLP_ENDPOINT} plus {@code /v1/metrics}, else to
 *       {@code http://localhost:4318/v1/metrics}, every {@code OTEL_METRIC_EXPORT_INTERVAL} milliseconds (60000).
 *   <li>Logs are never exported: they go to stderr.
 * </ul>
 *
 * <p>OTLP goes over HTTP ({@code http/protobuf}), the protocol's default port 4318; {@code grpc} is refused.
 * {@code OTEL_SDK_DISABLED=true} turns both off. A bad value stops start-up with a message naming its variable and
 * never quoting a header or an endpoint, which may hold credentials.
 *
 * @param metricsPush where and how metrics are pushed, or null when they are not
 * @param sdkProperties the SDK's settings ({@code otel.*}), the variables with serve's defaults filled in
 * @param warnings what is set but has no effect, for serve to say
 * @param variables the {@code OTEL_*} variables that are set, by name, to point at when the SDK refuses one
 *     without saying which
 */
public record OtelEnvironment(MetricsPush metricsPush, Map<String, String> sdkProperties, List<String> warnings,
        List<String> variables) {
    public static final String SERVICE_NAME = "herald";

    static final String SDK_DISABLED = "OTEL_SDK_DISABLED";
    static final String TRACES_EXPORTER = "OTEL_TRACES_EXPORTER";
    static final String METRICS_EXPORTER = "OTEL_METRICS_EXPORTER";
    static final String LOGS_EXPORTER = "OTEL_LOGS_EXPORTER";
    static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    static final String METRICS_ENDPOINT = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";
    static final String HEADERS = "OTEL_EXPORTER_OTLP_HEADERS";
    static final String TRACES_HEADERS = "OTEL_EXPORTER_OTLP_TRACES_HEADERS";
    static final String METRICS_HEADERS = "OTEL_EXPORTER_OTLP_METRICS_HEADERS";
    static final String PROTOCOL = "OTEL_EXPORTER_OTLP_PROTOCOL";
    static final String TRACES_PROTOCOL = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL";
    static final String METRICS_PROTOCOL = "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL";
    static final String METRIC_EXPORT_INTERVAL = "OTEL_METRIC_EXPORT_INTERVAL";
    static final String TEMPORALITY = "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE";
    static final String SERVICE_NAME_VARIABLE = "OTEL_SERVICE_NAME";
    static final String RESOURCE_ATTRIBUTES = "OTEL_RESOURCE_ATTRIBUTES";

    static final String HTTP_PROTOBUF = "http/protobuf";
    static final String DEFAULT_METRICS_URL = "http://localhost:4318/v1/metrics";
    static final Duration DEFAULT_STEP = Duration.ofSeconds(60);

    /**
     * The OTLP metrics push.
     *
     * @param url where the metrics are POSTed ({@code .../v1/metrics})
     * @param headers sent with every push (an API key, often): never shown
     * @param step how often a push goes
     * @param cumulative true for cumulative sums (the default), false for deltas
     * @param resourceAttributes the resource ({@code service.name} and {@code OTEL_RESOURCE_ATTRIBUTES})
     */
    public record MetricsPush(URI url, Map<String, String> headers, Duration step, boolean cumulative,
            Map<String, String> resourceAttributes) {
        public MetricsPush {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(step, "step");
            resourceAttributes = Map.copyOf(resourceAttributes);
        }

        /** Shows the headers' names only, and the URL without its user info, path or query. */
        @Override
        public String toString() {
            return "MetricsPush[url=" + UrlMasking.endpoint(url) + ", headers=" + headers.keySet() + ", step=" + step
                    + ", cumulative=" + cumulative + ", resourceAttributes=" + resourceAttributes + "]";
        }
    }

    public OtelEnvironment {
        sdkProperties = Map.copyOf(sdkProperties);
        warnings = List.copyOf(warnings);
        variables = List.copyOf(variables);
    }

    /**
     * Reads the {@code OTEL_*} variables.
     *
     * @throws IllegalArgumentException naming the variable whose value is bad (never quoting an endpoint or a
     *     header)
     */
    public static OtelEnvironment read(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        List<String> warnings = new ArrayList<>();
        boolean disabled = bool(env, SDK_DISABLED);
        for (String protocol : List.of(PROTOCOL, TRACES_PROTOCOL, METRICS_PROTOCOL)) {
            String p = value(env, protocol);
            if (p != null && !p.equalsIgnoreCase(HTTP_PROTOBUF)) {
                throw new IllegalArgumentException(protocol + ": herald serve sends OTLP over HTTP only: must be "
                        + HTTP_PROTOBUF + ", got '" + p + "'");
            }
        }
        for (String headers : List.of(HEADERS, TRACES_HEADERS, METRICS_HEADERS)) {
            pairs(env, headers);
        }
        for (String endpoint : List.of(ENDPOINT, TRACES_ENDPOINT, METRICS_ENDPOINT)) {
            url(env, endpoint);
        }
        Map<String, String> resource = resource(env);
        // Checked even when nothing is pushed: a variable that is set must be valid, not wait for the day it counts.
        Duration step = step(env);
        boolean cumulative = cumulative(env);

        String logs = value(env, LOGS_EXPORTER);
        if (logs != null && !logs.equalsIgnoreCase("none")) {
            warnings.add(LOGS_EXPORTER + " is ignored: herald serve writes its logs to stderr (--log-format json"
                    + " for JSON lines)");
        }

        MetricsPush push = null;
        if (!disabled && metricsPushed(env)) {
            push = new MetricsPush(metricsUrl(env), pairs(env, value(env, METRICS_HEADERS) != null ? METRICS_HEADERS
                    : HEADERS), step, cumulative, resource);
        }
        List<String> variables = env.keySet().stream().filter(n -> n.startsWith("OTEL_") && value(env, n) != null)
                .sorted().toList();
        return new OtelEnvironment(push, sdkProperties(env, resource), warnings, variables);
    }

    /** Whether the SDK traces anywhere; when it does not, serve still hands it out, a cheap no-op. */
    public boolean tracesExported() {
        return !"none".equals(sdkProperties.get("otel.traces.exporter"))
                && !"true".equals(sdkProperties.get("otel.sdk.disabled"));
    }

    private static boolean metricsPushed(Map<String, String> env) {
        String exporter = value(env, METRICS_EXPORTER);
        if (exporter == null) {
            return value(env, ENDPOINT) != null || value(env, METRICS_ENDPOINT) != null;
        }
        boolean otlp = false;
        for (String e : exporter.split(",", -1)) {
            String name = e.strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "otlp" -> otlp = true;
                case "none" -> { }
                default -> throw new IllegalArgumentException(METRICS_EXPORTER + ": herald serve pushes metrics"
                        + " with otlp only (GET /metrics serves them to Prometheus): must be otlp or none, got '"
                        + exporter.strip() + "'");
            }
        }
        return otlp;
    }

    private static URI metricsUrl(Map<String, String> env) {
        URI metrics = url(env, METRICS_ENDPOINT);
        if (metrics != null) {
            return metrics;
        }
        URI base = url(env, ENDPOINT);
        if (base == null) {
            return URI.create(DEFAULT_METRICS_URL);
        }
        String s = base.toString();
        return URI.create(s + (s.endsWith("/") ? "" : "/") + "v1/metrics");
    }

    private static Duration step(Map<String, String> env) {
        String v = value(env, METRIC_EXPORT_INTERVAL);
        if (v == null) {
            return DEFAULT_STEP;
        }
        try {
            long ms = Long.parseLong(v);
            if (ms > 0) {
                return Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(METRIC_EXPORT_INTERVAL + ": must be a positive number of milliseconds,"
                + " got '" + v + "'");
    }

    private static boolean cumulative(Map<String, String> env) {
        String v = value(env, TEMPORALITY);
        if (v == null || v.equalsIgnoreCase("cumulative")) {
            return true;
        }
        if (v.equalsIgnoreCase("delta")) {
            return false;
        }
        throw new IllegalArgumentException(TEMPORALITY + ": must be cumulative or delta, got '" + v + "'");
    }

    private static Map<String, String> resource(Map<String, String> env) {
        Map<String, String> attributes = new LinkedHashMap<>(pairs(env, RESOURCE_ATTRIBUTES));
        String service = value(env, SERVICE_NAME_VARIABLE);
        if (service != null) {
            attributes.put("service.name", service);
        }
        attributes.putIfAbsent("service.name", SERVICE_NAME);
        return attributes;
    }

    /**
     * Every {@code OTEL_*} variable as the SDK's property ({@code OTEL_TRACES_EXPORTER} is
     * {@code otel.traces.exporter}), with serve's defaults: no exporter unless one is asked for, OTLP over HTTP, the
     * service named herald. The SDK's own metrics and logs exporters stay off: Micrometer pushes the metrics.
     */
    private static Map<String, String> sdkProperties(Map<String, String> env, Map<String, String> resource) {
        Map<String, String> properties = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("OTEL_") && value != null && !value.isBlank()) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value.strip());
            }
        });
        if (value(env, TRACES_EXPORTER) == null) {
            boolean endpoint = value(env, ENDPOINT) != null || value(env, TRACES_ENDPOINT) != null;
            properties.put("otel.traces.exporter", endpoint ? "otlp" : "none");
        }
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        properties.putIfAbsent("otel.exporter.otlp.protocol", HTTP_PROTOBUF);
        properties.put("otel.service.name", resource.get("service.name"));
        return properties;
    }

    /** A set variable's value, stripped; null when unset or blank (OpenTelemetry takes an empty value as unset). */
    static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static boolean bool(Map<String, String> env, String name) {
        String v = value(env, name);
        if (v == null || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + ": must be true or false, got '" + v + "'");
    }

    private static URI url(Map<String, String> env, String name) {
        String v = value(env, name);
        if (v == null) {
            return null;
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + ": must be an http or https URL such as http://collector:4318"
                + " (the value is not shown: it may hold credentials)");
    }

    /** {@code key=value,key=value}, values percent-decoded, as OpenTelemetry writes headers and attributes. */
    private static Map<String, String> pairs(Map<String, String> env, String name) {
        String v = value(env, name);
        Map<String, String> pairs = new LinkedHashMap<>();
        if (v == null) {
            return pairs;
        }
        boolean secret = Set.of(HEADERS, TRACES_HEADERS, METRICS_HEADERS).contains(name);
        for (String pair : v.split(",", -1)) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq <= 0 ? "" : pair.substring(0, eq).strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException(name + ": must be key=value pairs separated by commas"
                        + (secret ? " (the value is not shown: it may hold credentials)" : ", got '" + v + "'"));
            }
            try {
                pairs.put(key, URLDecoder.decode(pair.substring(eq + 1).strip(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": a value is not percent-encoded correctly"
                        + (secret ? " (the value is not shown: it may hold credentials)" : ", got '" + v + "'"));
            }
        }
        return pairs;
    }
}
