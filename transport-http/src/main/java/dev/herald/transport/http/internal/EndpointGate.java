package dev.herald.transport.http.internal;

import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import dev.herald.transport.http.CircuitBreakerSettings;
import dev.herald.transport.http.CircuitListener;
import dev.herald.transport.http.CircuitState;
import dev.herald.transport.http.EndpointPolicy;
import dev.herald.transport.http.RateLimit;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * Admits requests to one endpoint only while its circuit lets them through, and no faster than its rate limit.
 * Requests that cannot start yet wait in a FIFO queue. The gate sets no bound of its own on requests in flight or
 * waiting: the dispatcher is the one owner of per-endpoint concurrency, and never has more than its
 * {@code max_in_flight_per_endpoint} attempts out to an endpoint, so no more than that many ever wait here.
 *
 * <p>Waiting is event-driven, without a thread per waiter and without polling: the queue is pumped when a request
 * finishes (a slot frees, a half-open probe reports) and by one timer when the circuit's open period ends or the
 * rate limiter's next period starts.
 */
public final class EndpointGate {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointGate.class);
    private static final long MIN_WAKEUP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** A request waiting to be admitted. */
    public interface Admission {
        /** Starts the request; it must end by calling one of the permit's methods exactly once. */
        void start(Permit permit);

        /** The request will not be admitted. */
        void refuse(TransportException reason);

        /** Whether the caller gave up, so that the request need not start. */
        boolean abandoned();
    }

    /** How an admitted request went, as the circuit breaker counts it. */
    public enum Outcome {
        /** The endpoint answered and is healthy. */
        SUCCESS,
        /** The endpoint failed: a network error, a timeout, 5xx, 408 or 429. */
        FAILURE,
        /** Says nothing about the endpoint: refused before sending, or abandoned. */
        NEUTRAL
    }

    private final String endpointName;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;
    private final long limiterPeriodNanos;
    private final int consecutiveFailureThreshold;
    private final long openWaitNanos;
    private final Scheduler timer;

    private final Object lock = new Object();
    private final ArrayDeque<Admission> queue = new ArrayDeque<>();
    private int inFlight;
    private boolean closed;
    private Disposable wakeup;

    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile URI checkedUrl;
    private volatile long openedAtNanos = System.nanoTime();

    /** A gate that logs every change of its circuit and tells the listener of it. */
    public EndpointGate(String endpointName, EndpointPolicy policy, Scheduler timer, CircuitListener listener) {
        this.endpointName = endpointName;
        this.timer = timer;
        CircuitBreakerSettings cb = policy.circuitBreaker();
        this.consecutiveFailureThreshold = cb.consecutiveFailures();
        this.openWaitNanos = cb.waitInOpenState().toNanos();
        this.breaker = CircuitBreaker.of(endpointName, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumNumberOfCalls())
                .failureRateThreshold(cb.failureRateThreshold())
                .waitDurationInOpenState(cb.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(cb.halfOpenProbes())
                // Slowness is the endpoint timeout's business, not a reason to stop delivering.
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                // Our own timer pumps the queue when the open period ends; no extra resilience4j thread.
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> {
            consecutiveFailures.set(0);
            CircuitBreaker.State to = e.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                openedAtNanos = System.nanoTime();
            }
            // The listener hears first, so that the moment it notes is not delayed by writing the log.
            CircuitState from = stateOf(e.getStateTransition().getFromState());
            CircuitState now = stateOf(to);
            if (from != now) {
                listener.onTransition(endpointName, from, now);
            }
            if (to == CircuitBreaker.State.OPEN) {
                LOG.warn("endpoint '{}': circuit opened; deliveries wait {} ms before a probe", endpointName,
                        cb.waitInOpenState().toMillis());
            } else {
                LOG.info("endpoint '{}': circuit {}", endpointName, to);
            }
        });
        RateLimit rate = policy.rateLimit();
        if (rate == null) {
            this.limiter = null;
            this.limiterPeriodNanos = 0;
        } else {
            this.limiterPeriodNanos = rate.period().toNanos();
            this.limiter = RateLimiter.of(endpointName, RateLimiterConfig.custom()
                    .limitForPeriod(rate.permits())
                    .limitRefreshPeriod(rate.period())
                    // Reservations are made only for admitted requests, so the backlog is at most the
                    // dispatcher's bound; a long timeout just lets them all reserve a future slot.
                    .timeoutDuration(Duration.ofMinutes(10))
                    .build());
        }
    }

    /** Queues the request and starts it as soon as the endpoint's protection allows. */
    public void submit(Admission admission) {
        List<Grant> grants;
        boolean closing;
        synchronized (lock) {
            closing = closed;
            if (!closing) {
                queue.addLast(admission);
                grants = drainLocked();
            } else {
                grants = List.of();
            }
        }
        run(grants);
        if (closing) {
            admission.refuse(new TransportException(Kind.IO, "endpoint '" + endpointName
                    + "': the transport is closed"));
        }
    }

    /** The last URL that passed the transport's checks for this endpoint, compared by identity. */
    public URI checkedUrl() {
        return checkedUrl;
    }

    /** Remembers a URL that passed the transport's checks. */
    public void checkedUrl(URI url) {
        this.checkedUrl = url;
    }

    /** The circuit's state. */
    public CircuitState circuitState() {
        return stateOf(breaker.getState());
    }

    private static CircuitState stateOf(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            default -> CircuitState.CLOSED;
        };
    }

    /** Requests admitted and not yet finished. */
    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** Requests waiting to be admitted. */
    public int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Refuses every waiting request; requests in flight end as the connections close. */
    public void close() {
        List<Admission> waiting;
        synchronized (lock) {
            closed = true;
            waiting = new ArrayList<>(queue);
            queue.clear();
            if (wakeup != null) {
                wakeup.dispose();
                wakeup = null;
            }
        }
        for (Admission a : waiting) {
            a.refuse(closedBeforeSent());
        }
    }

    private void pump() {
        List<Grant> grants;
        synchronized (lock) {
            grants = drainLocked();
        }
        run(grants);
    }

    private List<Grant> drainLocked() {
        List<Grant> grants = null;
        while (!closed) {
            Admission next = queue.peekFirst();
            if (next == null) {
                break;
            }
            if (next.abandoned()) {
                queue.pollFirst();
                continue;
            }
            if (!breaker.tryAcquirePermission()) {
                scheduleWakeupLocked(circuitWaitNanos());
                break;
            }
            long delayNanos = 0;
            if (limiter != null) {
                delayNanos = limiter.reservePermission();
                if (delayNanos < 0) {
                    breaker.releasePermission();
                    scheduleWakeupLocked(limiterPeriodNanos);
                    break;
                }
            }
            queue.pollFirst();
            inFlight++;
            if (grants == null) {
                grants = new ArrayList<>();
            }
            grants.add(new Grant(next, new Permit(), delayNanos));
        }
        return grants == null ? List.of() : grants;
    }

    private long circuitWaitNanos() {
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            long remaining = openedAtNanos + openWaitNanos - System.nanoTime();
            return Math.max(remaining + TimeUnit.MILLISECONDS.toNanos(1), MIN_WAKEUP_NANOS);
        }
        // Half-open with every probe out: a finishing probe pumps the queue. The timer is only a safety net.
        return Math.max(openWaitNanos, MIN_WAKEUP_NANOS);
    }

    private void scheduleWakeupLocked(long delayNanos) {
        if (wakeup != null || closed) {
            return;
        }
        wakeup = timer.schedule(() -> {
            synchronized (lock) {
                wakeup = null;
            }
            pump();
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void run(List<Grant> grants) {
        for (Grant g : grants) {
            if (g.delayNanos == 0) {
                start(g);
            } else {
                timer.schedule(() -> start(g), g.delayNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void tripIfClosed() {
        if (breaker.getState() == CircuitBreaker.State.CLOSED) {
            try {
                breaker.transitionToOpenState();
            } catch (IllegalStateTransitionException e) {
                // Another thread changed the state first; its decision stands.
            }
        }
    }

    private void start(Grant g) {
        if (g.admission.abandoned()) {
            g.permit.finish(Outcome.NEUTRAL, null);
            return;
        }
        boolean closing;
        synchronized (lock) {
            closing = closed;
        }
        if (closing) {
            // Its rate-limit slot came after the close: the client is gone.
            g.permit.finish(Outcome.NEUTRAL, null);
            g.admission.refuse(closedBeforeSent());
            return;
        }
        g.permit.startedAtNanos = System.nanoTime();
        try {
            g.admission.start(g.permit);
        } catch (RuntimeException e) {
            g.permit.finish(Outcome.NEUTRAL, null);
            g.admission.refuse(new TransportException(Kind.IO, "could not start the request: " + e, e));
        }
    }

    private TransportException closedBeforeSent() {
        return new TransportException(Kind.IO, "endpoint '" + endpointName
                + "': the transport closed before the request was sent");
    }

    private record Grant(Admission admission, Permit permit, long delayNanos) {}

    /** The right to send one request; reports how it went, exactly once. */
    public final class Permit {
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile long startedAtNanos = System.nanoTime();

        private Permit() {}

        /**
         * Records the outcome, frees the slot and admits whoever may go next.
         *
         * @param failure what went wrong, for a {@link Outcome#FAILURE}; may be null
         */
        public void finish(Outcome outcome, Throwable failure) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            long nanos = System.nanoTime() - startedAtNanos;
            switch (outcome) {
                case SUCCESS -> {
                    consecutiveFailures.set(0);
                    breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                }
                case FAILURE -> {
                    breaker.onError(nanos, TimeUnit.NANOSECONDS,
                            failure != null ? failure : new EndpointFailure("failed"));
                    if (consecutiveFailures.incrementAndGet() >= consecutiveFailureThreshold) {
                        tripIfClosed();
                    }
                }
                default -> breaker.releasePermission();
            }
            synchronized (lock) {
                inFlight--;
            }
            pump();
        }
    }

    /** A failure without an exception (an HTTP status), in the form resilience4j records. */
    public static final class EndpointFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public EndpointFailure(String message) {
            super(message, null, false, false);
        }
    }
}
