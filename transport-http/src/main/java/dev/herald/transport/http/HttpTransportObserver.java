package dev.herald.transport.http;

import java.time.Duration;

/**
 * Watches an {@link HttpTransport} from its start, for metrics: it learns of every endpoint the transport serves,
 * with a live {@link EndpointStatus} (its circuit and its connection pool), and hears every rate-limit wait.
 * Given to the transport's constructor; {@link HttpTransportModule} takes it from an {@code OptionalBinder}, so
 * that a metrics module can supply it. Only a transport built with an observer keeps its connection pools'
 * numbers: it turns reactor-netty's pool metrics on, reported to a registrar of its own rather than to Micrometer,
 * and leaves reactor-netty's per-request client metrics (tagged with each request's URI) off.
 *
 * <p>The observer must be quick and must not block; an exception it throws is logged and otherwise ignored.
 */
public interface HttpTransportObserver extends RateLimitListener {
    /**
     * The transport serves the named endpoint. Called once per endpoint: for each of the config's
     * {@link HttpTransportConfig#endpointNames()} when the transport is built (on the thread that builds it, as the
     * constructor's last step), and for any other endpoint when its first request arrives (on the thread that sends
     * it), before that request is admitted. The status stays valid, and live, for as long as the transport lives.
     */
    void endpointAdded(String endpointName, EndpointStatus status);

    /** {@inheritDoc} Does nothing unless overridden. */
    @Override
    default void onWait(String endpointName, Duration wait) {}
}
