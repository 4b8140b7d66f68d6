package dev.herald.metrics.micrometer;

/**
 * The names and tag keys of the meters {@link MicrometerMetricsModule} registers, as Micrometer spells them (dotted;
 * a Prometheus registry writes {@code http_client_request_duration_seconds}, {@code herald_deliveries_total}). A
 * dashboard, an alert or a test refers to these. Tag values are low-cardinality: an endpoint's name, never its URL,
 * and never a delivery's or an event's id.
 */
public final class MeterNames {
    /**
     * Timer with a percentile histogram, one per attempt: {@link #ENDPOINT}, {@link #METHOD}, {@link #STATUS_CODE},
     * {@link #ERROR_TYPE}.
     */
    public static final String HTTP_CLIENT_REQUEST_DURATION = "http.client.request.duration";
    /** Counter of attempts made: {@link #ENDPOINT}, {@link #RESEND_COUNT}. */
    public static final String ATTEMPTS = "herald.attempts";
    /** Counter of deliveries ended: {@link #ENDPOINT}, {@link #OUTCOME}. */
    public static final String DELIVERIES = "herald.deliveries";
    /**
     * Timer with a percentile histogram, from an event's acceptance to its delivery's end: {@link #ENDPOINT},
     * {@link #OUTCOME}.
     */
    public static final String DELIVERY_DURATION = "herald.delivery.duration";
    /** Counter of retries scheduled: {@link #ENDPOINT}. */
    public static final String RETRIES_SCHEDULED = "herald.retries.scheduled";
    /** Counter of events handed to the dispatcher: {@link #RESULT}, {@link #REASON}. */
    public static final String EVENTS = "herald.events";
    /** Gauge of the deliveries in memory not yet ended: queued, in flight or waiting for a retry. */
    public static final String BACKLOG_DELIVERIES = "herald.backlog.deliveries";
    /** Gauge of the attempts sent and not yet answered. */
    public static final String BACKLOG_IN_FLIGHT = "herald.backlog.in_flight";
    /** Gauge of the deliveries waiting in memory for a retry's time. */
    public static final String BACKLOG_RETRY_WAITING = "herald.backlog.retry_waiting";
    /** Gauge of the deliveries queued for a place in flight to an endpoint: {@link #ENDPOINT}. */
    public static final String ENDPOINT_QUEUE_DEPTH = "herald.endpoint.queue_depth";
    /** Time gauge (seconds) of how long the oldest delivery not yet ended has waited since its acceptance. */
    public static final String BACKLOG_OLDEST_AGE = "herald.backlog.oldest.age";
    /** Gauge of the endpoints a 410 answer has disabled. */
    public static final String ENDPOINTS_DISABLED = "herald.endpoints.disabled";
    /** Timer of each write the store's writer committed, from its call to its commit: {@link #STORE}. */
    public static final String STORE_APPEND_DURATION = "herald.store.append.duration";
    /** Timer with a percentile histogram of each transaction the store's writer committed: {@link #STORE}. */
    public static final String STORE_COMMIT_DURATION = "herald.store.commit.duration";
    /** Distribution summary of the writes each committed transaction held: {@link #STORE}. */
    public static final String STORE_COMMIT_SIZE = "herald.store.commit.size";
    /** Gauge of the deliveries pending in the store, every node's: {@link #STORE}. */
    public static final String STORE_PENDING = "herald.store.pending";
    /** Counter of due deliveries the relay leased from the store. */
    public static final String STORE_DUE = "herald.store.due";
    /** Counter of the rounds in which this node renewed its endpoints' leases. */
    public static final String STORE_LEASE_RENEWALS = "herald.store.lease.renewals";
    /** Counter of endpoint leases this node lost: {@link #ENDPOINT}. */
    public static final String STORE_LEASE_LOSSES = "herald.store.lease.losses";

    /** Tag: the endpoint's name. */
    public static final String ENDPOINT = "endpoint";
    /** Tag: the request's method, always {@code POST}. */
    public static final String METHOD = "http.request.method";
    /** Tag: the answer's status code, {@code none} when no answer came. */
    public static final String STATUS_CODE = "http.response.status_code";
    /**
     * Tag: {@code none} for a 2xx answer; the status code for any other answer; without one, why not
     * ({@code timeout}, {@code connect}, {@code io}, {@code overloaded}, {@code blocked}, {@code invalid}, or a
     * failure's class name).
     */
    public static final String ERROR_TYPE = "error.type";
    /** Tag: attempts made before this one, {@code 0} to {@code 9}, then {@code 10+}. */
    public static final String RESEND_COUNT = "http.request.resend_count";
    /** Tag: how a delivery ended: delivered, rejected, gone, exhausted, failed_to_prepare, cancelled. */
    public static final String OUTCOME = "outcome";
    /** Tag: accepted, unmatched or refused. */
    public static final String RESULT = "result";
    /** Tag: why an event was refused (full, closed, store), or none. */
    public static final String REASON = "reason";
    /** Tag: the store's kind: sqlite, postgres, or the name of a kind an application registered. */
    public static final String STORE = "store";

    private MeterNames() {}
}
