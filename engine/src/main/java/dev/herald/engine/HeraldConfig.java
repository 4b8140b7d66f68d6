package dev.herald.engine;

import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.DispatcherSettings;
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
 * @param capacity the most deliveries outstanding at once (queued, in flight, waiting for a retry); see
 *     {@link DispatcherSettings#capacity()}, which holds its default and its check
 * @param maxInFlightPerEndpoint the most attempts in flight at once to one endpoint; see
 *     {@link DispatcherSettings#maxInFlightPerEndpoint()}
 * @param closeTimeout how long closing waits for deliveries to drain; {@link Dispatcher#DEFAULT_CLOSE_TIMEOUT} by default
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
        // The dispatcher's own settings check the bounds, so that each check and its message exist once.
        dispatcherSettings(capacity, maxInFlightPerEndpoint, store);
        if (closeTimeout == null || closeTimeout.isNegative()) {
            throw new IllegalArgumentException("close_timeout: must be zero or more, got " + closeTimeout);
        }
    }

    /**
     * The settings the dispatcher runs with: this config's bounds and its store's node, lease, poll interval and
     * retention, the rest {@link DispatcherSettings}' defaults. A random node id is made on each call when the store
     * names none.
     */
    public DispatcherSettings dispatcherSettings() {
        return dispatcherSettings(capacity, maxInFlightPerEndpoint, store);
    }

    private static DispatcherSettings dispatcherSettings(int capacity, int maxInFlightPerEndpoint,
            StoreSettings store) {
        return DispatcherSettings.builder().capacity(capacity).maxInFlightPerEndpoint(maxInFlightPerEndpoint)
                .node(store.node()).leaseDuration(store.leaseDuration()).pollInterval(store.pollInterval())
                .retention(store.retention()).build();
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
        private int capacity = DispatcherSettings.DEFAULT_CAPACITY;
        private int maxInFlightPerEndpoint = DispatcherSettings.DEFAULT_MAX_IN_FLIGHT_PER_ENDPOINT;
        private StoreSettings store = StoreSettings.memory();
        private Duration closeTimeout = Dispatcher.DEFAULT_CLOSE_TIMEOUT;

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
