package dev.herald.transport.http;

import dev.herald.core.endpoint.HeaderRules;
import dev.herald.transport.http.internal.CidrRange;
import dev.herald.transport.http.internal.ConfigKeys;
import dev.herald.transport.http.internal.HeraldVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Settings of the HTTP transport. The defaults mirror the ContextForge gateway's HTTP client, which the seed
 * plugin used, so that Herald behaves as the plugin did where nothing is configured.
 *
 * <p>Validated at construction; every error message starts with the config key it concerns, e.g.
 * {@code allowed_networks[2]: not a CIDR range: '10.0.0.0/33'}.
 *
 * @param maxConnections pooled connections per remote host, default 200
 * @param keepAliveIdle how long an idle pooled connection is kept, default 30 s
 * @param connectTimeout the bound on opening a TCP connection, default 5 s
 * @param readTimeout the longest silence while waiting for an answer, and the bound on a request that names no
 *     timeout of its own, default 120 s; an endpoint's own timeout is used when shorter
 * @param writeTimeout the bound on writing the request, default 30 s
 * @param poolAcquireTimeout the bound on waiting for a pooled connection, default 10 s
 * @param maxResponseBodyBytes how much of an answer's body is kept; the rest is discarded, default 64 KiB
 * @param maxRequestBodyBytes larger bodies are refused as invalid without being sent, default 10 MiB
 * @param userAgent the {@code User-Agent} header, default {@code Herald/<version>}
 * @param allowedNetworks CIDR ranges (IPv4 or IPv6) the SSRF guard lets through even though they are not public,
 *     default none
 * @param endpointDefaults protection for endpoints without an entry in {@code endpoints}
 * @param endpointNames the endpoints this transport serves, so that neither a misspelt override nor a request for
 *     an endpoint the config never heard of falls back on the defaults unnoticed; empty for a transport that
 *     serves any endpoint with the defaults, which then allows no override
 * @param endpoints protection per endpoint name, replacing the defaults for that endpoint; every name must be one
 *     of {@code endpointNames}
 */
public record HttpTransportConfig(int maxConnections, Duration keepAliveIdle, Duration connectTimeout,
        Duration readTimeout, Duration writeTimeout, Duration poolAcquireTimeout, int maxResponseBodyBytes,
        int maxRequestBodyBytes, String userAgent, List<String> allowedNetworks, EndpointPolicy endpointDefaults,
        Set<String> endpointNames, Map<String, EndpointPolicy> endpoints) {

    /** The default user agent, {@code Herald/<version>}. */
    public static final String DEFAULT_USER_AGENT = "Herald/" + HeraldVersion.get();

    public HttpTransportConfig {
        ConfigKeys.requireAtLeast(maxConnections, 1, "max_connections");
        ConfigKeys.requirePositive(keepAliveIdle, "keep_alive_idle");
        ConfigKeys.requirePositive(connectTimeout, "connect_timeout");
        if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connect_timeout: too long, got " + connectTimeout);
        }
        ConfigKeys.requirePositive(readTimeout, "read_timeout");
        ConfigKeys.requirePositive(writeTimeout, "write_timeout");
        ConfigKeys.requirePositive(poolAcquireTimeout, "pool_acquire_timeout");
        ConfigKeys.requireAtLeast(maxResponseBodyBytes, 0, "max_response_body_bytes");
        ConfigKeys.requireAtLeast(maxRequestBodyBytes, 1, "max_request_body_bytes");
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("user_agent: must not be blank");
        }
        HeaderRules.requireValidValue(userAgent, "user_agent");
        allowedNetworks = List.copyOf(Objects.requireNonNull(allowedNetworks, "allowed_networks"));
        for (int i = 0; i < allowedNetworks.size(); i++) {
            String cidr = allowedNetworks.get(i);
            try {
                CidrRange.parse(cidr);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "allowed_networks[" + i + "]: not a CIDR range: '" + cidr + "'", e);
            }
        }
        if (endpointDefaults == null) {
            throw new IllegalArgumentException("endpoint_defaults: must be set");
        }
        Objects.requireNonNull(endpointNames, "endpoint_names");
        Set<String> names = new LinkedHashSet<>();
        for (String name : endpointNames) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("endpoint_names: an endpoint name must not be blank");
            }
            names.add(name);
        }
        endpointNames = Collections.unmodifiableSet(names);
        Objects.requireNonNull(endpoints, "endpoints");
        Map<String, EndpointPolicy> copy = new LinkedHashMap<>();
        endpoints.forEach((name, policy) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("endpoints: an endpoint name must not be blank");
            }
            if (policy == null) {
                throw new IllegalArgumentException("endpoints." + name + ": must not be null");
            }
            if (!names.contains(name)) {
                throw new IllegalArgumentException("endpoints." + name + ": no endpoint of that name; "
                        + (names.isEmpty() ? "list the endpoints the transport serves in endpoint_names"
                                : "endpoint_names has " + String.join(", ", names)));
            }
            copy.put(name, policy);
        });
        endpoints = Collections.unmodifiableMap(copy);
    }

    /** The gateway's defaults, no allowed networks, default protection everywhere. */
    public static HttpTransportConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The protection that applies to the named endpoint: its override, else the defaults.
     *
     * @throws IllegalArgumentException naming the endpoint, when the config lists the endpoints it serves and this
     *     is not one of them
     */
    public EndpointPolicy policyFor(String endpointName) {
        EndpointPolicy own = endpoints.get(endpointName);
        if (own != null) {
            return own;
        }
        if (!endpointNames.isEmpty() && !endpointNames.contains(endpointName)) {
            throw new IllegalArgumentException("endpoint '" + endpointName + "': not one of the endpoints the HTTP"
                    + " transport is configured for (endpoint_names has " + String.join(", ", endpointNames) + ")");
        }
        return endpointDefaults;
    }

    /** Builds an {@link HttpTransportConfig} from the defaults; {@link #build()} validates. */
    public static final class Builder {
        private int maxConnections = 200;
        private Duration keepAliveIdle = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(120);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private Duration poolAcquireTimeout = Duration.ofSeconds(10);
        private int maxResponseBodyBytes = 64 * 1024;
        private int maxRequestBodyBytes = 10 * 1024 * 1024;
        private String userAgent = DEFAULT_USER_AGENT;
        private final List<String> allowedNetworks = new ArrayList<>();
        private EndpointPolicy endpointDefaults = EndpointPolicy.DEFAULT;
        private Consumer<EndpointPolicy.Builder> endpointDefaultsChanges;
        private final Set<String> endpointNames = new LinkedHashSet<>();
        // Either a policy or changes to the defaults, kept in order; changes are applied at build() so that they
        // start from the final defaults whatever the order of the calls.
        private final Map<String, Object> endpoints = new LinkedHashMap<>();

        private Builder() {}

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder keepAliveIdle(Duration keepAliveIdle) {
            this.keepAliveIdle = keepAliveIdle;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder writeTimeout(Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
            return this;
        }

        public Builder poolAcquireTimeout(Duration poolAcquireTimeout) {
            this.poolAcquireTimeout = poolAcquireTimeout;
            return this;
        }

        public Builder maxResponseBodyBytes(int maxResponseBodyBytes) {
            this.maxResponseBodyBytes = maxResponseBodyBytes;
            return this;
        }

        public Builder maxRequestBodyBytes(int maxRequestBodyBytes) {
            this.maxRequestBodyBytes = maxRequestBodyBytes;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** Replaces the allowed networks. */
        public Builder allowedNetworks(List<String> cidrs) {
            allowedNetworks.clear();
            allowedNetworks.addAll(cidrs);
            return this;
        }

        /** Adds one allowed network, e.g. {@code 127.0.0.0/8} for a receiver on this host. */
        public Builder allowNetwork(String cidr) {
            allowedNetworks.add(cidr);
            return this;
        }

        public Builder endpointDefaults(EndpointPolicy policy) {
            this.endpointDefaults = Objects.requireNonNull(policy, "endpoint_defaults");
            this.endpointDefaultsChanges = null;
            return this;
        }

        /** Changes the default protection; errors name {@code endpoint_defaults.<key>}. */
        public Builder endpointDefaults(Consumer<EndpointPolicy.Builder> changes) {
            this.endpointDefaultsChanges = Objects.requireNonNull(changes, "changes");
            return this;
        }

        /**
         * Adds endpoints the transport serves, as the dispatcher names them: every override must name one, and a
         * request for any other is refused rather than sent with the defaults.
         */
        public Builder endpointNames(Collection<String> names) {
            endpointNames.addAll(names);
            return this;
        }

        /** Adds endpoints the transport serves; see {@link #endpointNames(Collection)}. */
        public Builder endpointNames(String... names) {
            return endpointNames(List.of(names));
        }

        /** Sets one endpoint's protection; the endpoint must be one of {@link #endpointNames}. */
        public Builder endpoint(String name, EndpointPolicy policy) {
            endpoints.put(name, Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Sets one endpoint's protection as the defaults with some changes; errors name
         * {@code endpoints.<name>.<key>}.
         */
        public Builder endpoint(String name, Consumer<EndpointPolicy.Builder> changes) {
            endpoints.put(name, Objects.requireNonNull(changes, "changes"));
            return this;
        }

        @SuppressWarnings("unchecked")
        public HttpTransportConfig build() {
            EndpointPolicy defaults = endpointDefaults;
            if (endpointDefaultsChanges != null) {
                EndpointPolicy.Builder b = defaults.toBuilder();
                endpointDefaultsChanges.accept(b);
                defaults = ConfigKeys.nested("endpoint_defaults", b::build);
            }
            Map<String, EndpointPolicy> policies = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : endpoints.entrySet()) {
                if (e.getValue() instanceof EndpointPolicy p) {
                    policies.put(e.getKey(), p);
                } else {
                    EndpointPolicy.Builder b = defaults.toBuilder();
                    ((Consumer<EndpointPolicy.Builder>) e.getValue()).accept(b);
                    policies.put(e.getKey(), ConfigKeys.nested("endpoints." + e.getKey(), b::build));
                }
            }
            return new HttpTransportConfig(maxConnections, keepAliveIdle, connectTimeout, readTimeout, writeTimeout,
                    poolAcquireTimeout, maxResponseBodyBytes, maxRequestBodyBytes, userAgent, allowedNetworks,
                    defaults, endpointNames, policies);
        }
    }
}
