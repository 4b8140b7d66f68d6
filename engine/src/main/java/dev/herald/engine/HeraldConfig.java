package dev.herald.engine;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.store.jdbc.StoreSettings;
import dev.herald.templates.TemplateConfig;
import dev.herald.transport.http.HttpTransportConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything Herald needs to start: the endpoints, the templates, the HTTP transport's settings and the
 * dispatcher's bounds. One config object, from which {@link Herald} assembles every module.
 *
 * @param endpoints the endpoints, validated when built
 * @param templates the payload templates
 * @param transport the HTTP transport's settings
 * @param capacity the most deliveries outstanding at once (queued, in flight, waiting for a retry)
 * @param maxInFlightPerEndpoint the most attempts in flight at once to one endpoint
 * @param closeTimeout how long closing waits for deliveries to drain
 * @param store where deliveries are kept; {@link StoreSettings#memory()} keeps them in memory only
 */
public record HeraldConfig(List<Endpoint> endpoints, TemplateConfig templates, HttpTransportConfig transport,
        int capacity, int maxInFlightPerEndpoint, Duration closeTimeout, StoreSettings store) {

    public HeraldConfig {
        Objects.requireNonNull(store, "store");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(templates, "templates");
        Objects.requireNonNull(transport, "transport");
        if (!transport.endpointNames().isEmpty()) {
            for (Endpoint e : endpoints) {
                if (!transport.endpointNames().contains(e.name())) {
                    // Caught here rather than as a refused request on every delivery to it.
                    throw new IllegalArgumentException("transport.endpoint_names: has no entry for endpoint '"
                            + e.name() + "'");
                }
            }
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be at least 1, got " + capacity);
        }
        if (maxInFlightPerEndpoint < 1) {
            throw new IllegalArgumentException("max_in_flight_per_endpoint: must be at least 1, got " + maxInFlightPerEndpoint);
        }
        if (closeTimeout == null || closeTimeout.isNegative()) {
            throw new IllegalArgumentException("close_timeout: must be zero or more, got " + closeTimeout);
        }
    }

    /** The same config, keeping its deliveries in {@code store}. */
    public HeraldConfig withStore(StoreSettings store) {
        return new HeraldConfig(endpoints, templates, transport, capacity, maxInFlightPerEndpoint, closeTimeout,
                store);
    }

    /** A builder with the defaults: no endpoints, the seed's templates, the gateway's HTTP settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link HeraldConfig}. */
    public static final class Builder {
        private List<Endpoint> endpoints = List.of();
        private TemplateConfig templates = TemplateConfig.ofDefaults();
        private HttpTransportConfig transport = HttpTransportConfig.defaults();
        private int capacity = 10_000;
        private int maxInFlightPerEndpoint = 64;
        private StoreSettings store = StoreSettings.memory();
        private Duration closeTimeout = Duration.ofSeconds(10);

        private Builder() {}

        public Builder endpoints(List<Endpoint> endpoints) {
            this.endpoints = endpoints;
            return this;
        }

        public Builder templates(TemplateConfig templates) {
            this.templates = templates;
            return this;
        }

        public Builder transport(HttpTransportConfig transport) {
            this.transport = transport;
            return this;
        }

        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        public Builder maxInFlightPerEndpoint(int maxInFlightPerEndpoint) {
            this.maxInFlightPerEndpoint = maxInFlightPerEndpoint;
            return this;
        }

        /** Where deliveries are kept; the default keeps them in memory only. */
        public Builder store(StoreSettings store) {
            this.store = store;
            return this;
        }

        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        public HeraldConfig build() {
            return new HeraldConfig(endpoints, templates, transport, capacity, maxInFlightPerEndpoint, closeTimeout,
                    store);
        }
    }
}
