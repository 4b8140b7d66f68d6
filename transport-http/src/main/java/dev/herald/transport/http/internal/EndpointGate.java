package dev.herald.transport.http.internal;

import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import dev.herald.transport.http.CircuitBreakerSettings;
import dev.herald.transport.http.CircuitListener;
import dev.herald.transport.http.CircuitState;
import dev.herald.transport.http.EndpointPolicy;
import dev.herald.transport.http.RateLimit;
import dev.herald.transport.http.RateLimitListener;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * <p>A request waits only as long as its deadline allows. One whose circuit stays open past its deadline, or whose
 * rate-limit slot would start after it, is refused at once as {@link Kind#OVERLOADED}; one that waits for a
 * half-open circuit's probes is refused so when its deadline comes.
 *
 * <p>Waiting is event-driven, without a thread per waiter and without polling: the queue is pumped when a request
 * finishes (a half-open probe reports) and by one timer, set for the earliest of the circuit's open period's end,
 * the rate limiter's next slot and the first waiting deadline.
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

        /** When the request must be over, on {@link System#nanoTime()}'s scale. */
        long deadlineNanos();
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
    private final EndpointPolicy policy;
    private final CircuitBreaker breaker;
    private final PermitSchedule limiter;
    private final String rateText;
    private final int consecutiveFailureThreshold;
    private final long openWaitNanos;
    private final Scheduler timer;
    private final RateLimitListener rateLimitListener;

    private final Object lock = new Object();
    private final ArrayDeque<Admission> queue = new ArrayDeque<>();
    private final Set<Grant> delayed = new HashSet<>();
    private int inFlight;
    private boolean closed;
    private Disposable wakeup;
    private long wakeupAtNanos;

    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile URI checkedUrl;
    private volatile long openedAtNanos = System.nanoTime();

    /**
     * A gate that logs every change of its circuit and tells {@code listener} of it, and tells
     * {@code rateLimitListener} of every wait for a rate-limit slot, outside the gate's lock.
     */
    public EndpointGate(String endpointName, EndpointPolicy policy, Scheduler timer, CircuitListener listener,
            RateLimitListener rateLimitListener) {
        this.endpointName = endpointName;
        this.policy = policy;
        this.timer = timer;
        this.rateLimitListener = rateLimitListener;
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
        // Our own schedule rather than resilience4j's limiter: a request that would get its slot only after its
        // deadline must be able to leave the slot untaken, which a reservation there cannot.
        this.limiter = rate == null ? null : new PermitSchedule(rate, System.nanoTime());
        this.rateText = rate == null ? "" : rate.permits() + " per " + rate.period().toMillis() + " ms";
    }

    /**
     * Starts the request as soon as the endpoint's protection allows, or refuses it as {@link Kind#OVERLOADED} as
     * soon as it is clear that it would not start before its deadline.
     */
    public void submit(Admission admission) {
        List<Grant> grants;
        List<Refusal> refusals = new ArrayList<>(0);
        boolean closing;
        synchronized (lock) {
            closing = closed;
            if (!closing) {
                queue.addLast(admission);
                grants = drainLocked(refusals);
            } else {
                grants = List.of();
            }
        }
        run(grants, refusals);
        if (closing) {
            admission.refuse(new TransportException(Kind.IO, "endpoint '" + endpointName
                    + "': the transport is closed"));
        }
    }

    /** The protection this gate applies. */
    public EndpointPolicy policy() {
        return policy;
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
        List<Grant> notStarted;
        synchronized (lock) {
            closed = true;
            waiting = new ArrayList<>(queue);
            queue.clear();
            notStarted = new ArrayList<>(delayed);
            delayed.clear();
            if (wakeup != null) {
                wakeup.dispose();
                wakeup = null;
            }
        }
        for (Admission a : waiting) {
            a.refuse(closedBeforeSent());
        }
        for (Grant g : notStarted) {
            g.timer.dispose();
            g.permit.finish(Outcome.NEUTRAL, null);
            g.admission.refuse(closedBeforeSent());
        }
    }

    private void pump() {
        List<Grant> grants;
        List<Refusal> refusals = new ArrayList<>(0);
        synchronized (lock) {
            if (queue.isEmpty()) {
                // The common case, after every answer: nothing waits.
                return;
            }
            grants = drainLocked(refusals);
        }
        run(grants, refusals);
    }

    /**
     * Admits what can go now, collects what can never go in time into {@code refusals}, and sets the timer for
     * the next moment anything may change.
     */
    private List<Grant> drainLocked(List<Refusal> refusals) {
        List<Grant> grants = null;
        long now = System.nanoTime();
        refuseExpiredLocked(now, refusals);
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
                refuseOutlastedByOpenCircuitLocked(now, refusals);
                break;
            }
            long delayNanos = 0;
            if (limiter != null) {
                delayNanos = limiter.reserve(now, next.deadlineNanos());
                if (delayNanos < 0) {
                    // Its slot would come after its deadline; the next one in line may have a later deadline.
                    breaker.releasePermission();
                    queue.pollFirst();
                    refusals.add(new Refusal(next, overloaded("its rate limit (" + rateText
                            + ") has no free slot before this attempt's deadline, "
                            + millis(next.deadlineNanos() - now) + " ms away")));
                    continue;
                }
            }
            queue.pollFirst();
            inFlight++;
            if (grants == null) {
                grants = new ArrayList<>();
            }
            grants.add(new Grant(next, new Permit(), delayNanos));
        }
        scheduleWakeupLocked(now);
        return grants == null ? List.of() : grants;
    }

    /** Refuses the waiters whose deadline has come: a half-open circuit's probes did not report in time. */
    private void refuseExpiredLocked(long now, List<Refusal> refusals) {
        for (Iterator<Admission> it = queue.iterator(); it.hasNext(); ) {
            Admission a = it.next();
            if (a.abandoned()) {
                it.remove();
            } else if (a.deadlineNanos() - now <= 0) {
                it.remove();
                String state = circuitState().name().toLowerCase(Locale.ROOT).replace('_', '-');
                refusals.add(new Refusal(a, overloaded("its circuit is " + state
                        + " and let no request through before this attempt's deadline")));
            }
        }
    }

    /** While the circuit is open, refuses at once every waiter whose deadline comes before the open period ends. */
    private void refuseOutlastedByOpenCircuitLocked(long now, List<Refusal> refusals) {
        if (breaker.getState() != CircuitBreaker.State.OPEN) {
            return;
        }
        long opensAt = openedAtNanos + openWaitNanos;
        for (Iterator<Admission> it = queue.iterator(); it.hasNext(); ) {
            Admission a = it.next();
            if (a.deadlineNanos() - opensAt <= 0) {
                it.remove();
                refusals.add(new Refusal(a, overloaded("its circuit is open for another "
                        + millis(opensAt - now) + " ms, past this attempt's deadline "
                        + millis(a.deadlineNanos() - now) + " ms away")));
            }
        }
    }

    /** Sets the one timer for the earliest moment a waiter may go or must be refused; none when nothing waits. */
    private void scheduleWakeupLocked(long now) {
        if (closed || queue.isEmpty()) {
            return;
        }
        long at = Long.MAX_VALUE;
        boolean any = false;
        for (Admission a : queue) {
            if (!any || a.deadlineNanos() - at < 0) {
                at = a.deadlineNanos();
                any = true;
            }
        }
        // Only the circuit holds requests in the queue: the rate limit grants a slot or refuses at once. Open, it
        // lets the next one through when its period ends; half-open, when a probe reports, which pumps the queue.
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            long opensAt = openedAtNanos + openWaitNanos + TimeUnit.MILLISECONDS.toNanos(1);
            if (opensAt - at < 0) {
                at = opensAt;
            }
        }
        long delay = Math.max(at - now, MIN_WAKEUP_NANOS);
        if (wakeup != null) {
            if (wakeupAtNanos - (now + delay) <= 0) {
                return;
            }
            wakeup.dispose();
        }
        wakeupAtNanos = now + delay;
        wakeup = timer.schedule(() -> {
            synchronized (lock) {
                wakeup = null;
            }
            pump();
        }, delay, TimeUnit.NANOSECONDS);
    }

    private void run(List<Grant> grants, List<Refusal> refusals) {
        for (Refusal r : refusals) {
            LOG.debug("endpoint '{}': not sent: {}", endpointName, r.reason.getMessage());
            r.admission.refuse(r.reason);
        }
        for (Grant g : grants) {
            if (g.delayNanos == 0) {
                start(g);
                continue;
            }
            // Heard here rather than where the slot is reserved: the lock is not held, and the wait has not begun.
            rateLimitListener.onWait(endpointName, Duration.ofNanos(g.delayNanos));
            boolean closing;
            synchronized (lock) {
                closing = closed;
                if (!closing) {
                    delayed.add(g);
                    g.timer = timer.schedule(() -> {
                        boolean mine;
                        synchronized (lock) {
                            mine = delayed.remove(g);
                        }
                        if (mine) {
                            start(g);
                        }
                    }, g.delayNanos, TimeUnit.NANOSECONDS);
                }
            }
            if (closing) {
                g.permit.finish(Outcome.NEUTRAL, null);
                g.admission.refuse(closedBeforeSent());
            }
        }
    }

    private TransportException overloaded(String why) {
        return new TransportException(Kind.OVERLOADED, "endpoint '" + endpointName + "': not sent: " + why);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(Math.max(0, nanos));
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

    /** A request let through, to start now or once its rate-limit slot comes. */
    private static final class Grant {
        final Admission admission;
        final Permit permit;
        final long delayNanos;
        Disposable timer;

        Grant(Admission admission, Permit permit, long delayNanos) {
            this.admission = admission;
            this.permit = permit;
            this.delayNanos = delayNanos;
        }
    }

    private record Refusal(Admission admission, TransportException reason) {}

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
