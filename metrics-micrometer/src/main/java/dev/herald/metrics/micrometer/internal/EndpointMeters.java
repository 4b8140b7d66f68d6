package dev.herald.metrics.micrometer.internal;

import static dev.herald.metrics.micrometer.MeterNames.ATTEMPTS;
import static dev.herald.metrics.micrometer.MeterNames.DELIVERIES;
import static dev.herald.metrics.micrometer.MeterNames.DELIVERY_DURATION;
import static dev.herald.metrics.micrometer.MeterNames.ENDPOINT;
import static dev.herald.metrics.micrometer.MeterNames.ERROR_TYPE;
import static dev.herald.metrics.micrometer.MeterNames.HTTP_CLIENT_REQUEST_DURATION;
import static dev.herald.metrics.micrometer.MeterNames.METHOD;
import static dev.herald.metrics.micrometer.MeterNames.OUTCOME;
import static dev.herald.metrics.micrometer.MeterNames.RESEND_COUNT;
import static dev.herald.metrics.micrometer.MeterNames.RETRIES_SCHEDULED;
import static dev.herald.metrics.micrometer.MeterNames.STATUS_CODE;
import static dev.herald.metrics.micrometer.MeterNames.STORE_LEASE_LOSSES;

import dev.herald.core.dispatch.AttemptEnd;
import dev.herald.core.dispatch.DeliveryEnd;
import dev.herald.core.dispatch.DeliveryStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One endpoint's meters, each registered once and kept, so that recording an attempt or a delivery's end looks
 * nothing up in the registry: an array slot or a small map per tag value, filled the first time that value is
 * seen. The endpoint is tagged by its name, never its URL.
 */
final class EndpointMeters {
    /** Resend counts from this one on share a tag value, so that the tag stays small whatever the policy. */
    static final int RESEND_CAP = 10;
    /** Beyond this many kinds of failure without an answer, the rest share {@link #OTHER_ERROR}. */
    static final int MAX_ERROR_TYPES = 16;
    /** The tag value for a failure beyond {@link #MAX_ERROR_TYPES}, or one that names no type (OTel's fallback). */
    static final String OTHER_ERROR = "_OTHER";
    static final String NONE = "none";

    private static final DeliveryStatus[] STATUSES = DeliveryStatus.values();
    private static final Duration MIN_ATTEMPT = Duration.ofMillis(1);
    // The longest attempt timeout an endpoint may set is 120 s.
    private static final Duration MAX_ATTEMPT = Duration.ofMinutes(2);
    private static final Duration MIN_DELIVERY = Duration.ofMillis(1);
    // Ten retries of a 60 s base delay, doubling, take about 17 hours.
    private static final Duration MAX_DELIVERY = Duration.ofDays(1);

    private final MeterRegistry registry;
    private final String name;
    private final Tags endpoint;
    private final AtomicReferenceArray<AttemptMeters> byResendCount = new AtomicReferenceArray<>(RESEND_CAP + 1);
    private final Counter[] deliveries = new Counter[STATUSES.length];
    private final AtomicReferenceArray<Timer> deliveryDurations = new AtomicReferenceArray<>(STATUSES.length);
    /** Attempt timers by the status code answered, 100 to 599. */
    private final AtomicReferenceArray<Timer> answered = new AtomicReferenceArray<>(600);
    /** Attempt timers without a status in 100 to 599: by why no answer came, or by an odd status. */
    private final ConcurrentMap<String, Timer> unanswered = new ConcurrentHashMap<>();
    private final Counter retries;
    private volatile Counter leaseLosses;

    EndpointMeters(MeterRegistry registry, String name) {
        this.registry = registry;
        this.name = name;
        this.endpoint = Tags.of(ENDPOINT, name);
        for (DeliveryStatus s : STATUSES) {
            deliveries[s.ordinal()] = Counter.builder(DELIVERIES).tags(endpoint).tag(OUTCOME, outcome(s))
                    .description("Deliveries ended, by how they ended").register(registry);
        }
        this.retries = Counter.builder(RETRIES_SCHEDULED).tags(endpoint)
                .description("Retries scheduled after an attempt that may succeed later").register(registry);
        attempt(1);
    }

    String name() {
        return name;
    }

    /** The observation of an attempt with this number (from 1): its resend count's meters, built once. */
    AttemptMeters attempt(int number) {
        int slot = Math.min(Math.max(number - 1, 0), RESEND_CAP);
        AttemptMeters m = byResendCount.get(slot);
        if (m == null) {
            String resends = slot == RESEND_CAP ? RESEND_CAP + "+" : Integer.toString(slot);
            Counter attempts = Counter.builder(ATTEMPTS).tags(endpoint).tag(RESEND_COUNT, resends)
                    .description("Attempts made, by the attempts made before them").register(registry);
            // Two threads may build the same slot; the registry hands both the same counter.
            m = new AttemptMeters(this, attempts);
            byResendCount.compareAndSet(slot, null, m);
        }
        return m;
    }

    /** Records an attempt's end: its duration by answer or failure, and the retry it scheduled. */
    void attemptEnded(AttemptEnd end) {
        int status = end.statusCode();
        Timer timer;
        if (status >= 100 && status < 600) {
            timer = answered.get(status);
            if (timer == null) {
                timer = attemptTimer(Integer.toString(status), status / 100 == 2 ? NONE : Integer.toString(status));
                answered.set(status, timer);
            }
        } else {
            timer = unanswered(status, end.errorType());
        }
        if (end.duration() != null) {
            timer.record(end.duration());
        }
        if (end.retryDelay() != null) {
            retries.increment();
        }
    }

    private Timer unanswered(int status, String errorType) {
        String key = status != 0 ? Integer.toString(status) : errorType == null ? OTHER_ERROR : errorType;
        Timer timer = unanswered.get(key);
        if (timer != null) {
            return timer;
        }
        if (unanswered.size() >= MAX_ERROR_TYPES) {
            return unanswered.computeIfAbsent(OTHER_ERROR, k -> attemptTimer(NONE, OTHER_ERROR));
        }
        String code = status != 0 ? key : NONE;
        return unanswered.computeIfAbsent(key, k -> attemptTimer(code, k));
    }

    private Timer attemptTimer(String statusCode, String errorType) {
        return Timer.builder(HTTP_CLIENT_REQUEST_DURATION).tags(endpoint).tag(METHOD, "POST")
                .tag(STATUS_CODE, statusCode).tag(ERROR_TYPE, errorType)
                .description("Each attempt's exchange with the endpoint")
                .publishPercentileHistogram().minimumExpectedValue(MIN_ATTEMPT).maximumExpectedValue(MAX_ATTEMPT)
                .register(registry);
    }

    /** Records a delivery's end: counted by outcome, and timed from its event's acceptance. */
    void deliveryEnded(DeliveryEnd end) {
        int i = end.status().ordinal();
        deliveries[i].increment();
        Timer timer = deliveryDurations.get(i);
        if (timer == null) {
            timer = Timer.builder(DELIVERY_DURATION).tags(endpoint).tag(OUTCOME, outcome(end.status()))
                    .description("From an event's acceptance to its delivery's end")
                    .publishPercentileHistogram().minimumExpectedValue(MIN_DELIVERY)
                    .maximumExpectedValue(MAX_DELIVERY).register(registry);
            deliveryDurations.set(i, timer);
        }
        if (end.sinceAccepted() != null) {
            timer.record(end.sinceAccepted());
        }
    }

    /** Counts a lease of this endpoint lost to another node, or to the store's clock. */
    void leaseLost() {
        Counter c = leaseLosses;
        if (c == null) {
            // Rare, and only with a store: built on the first loss rather than for every endpoint up front.
            c = Counter.builder(STORE_LEASE_LOSSES).tags(endpoint)
                    .description("Endpoint leases this node lost to another node or to the store's clock")
                    .register(registry);
            leaseLosses = c;
        }
        c.increment();
    }

    static String outcome(DeliveryStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
