package dev.herald.benchmarks.load;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One load run: what is sent, to how many endpoints, how much at once.
 *
 * @param url where every endpoint points
 * @param events events in the timed run
 * @param endpoints endpoints per event, all at {@code url}: each event makes this many deliveries
 * @param signing how every request is authenticated
 * @param concurrency the most deliveries in flight at once; an event is sent only when all of its deliveries fit
 * @param warmupEvents events sent, and waited for, before timing starts; not counted as delivered
 * @param retries retries after a failed attempt (Herald only; the baseline does not retry)
 * @param stallLimit how long the run may go without any outcome before the rest are counted as failed
 */
public record LoadSpec(URI url, int events, int endpoints, Signing signing, int concurrency, int warmupEvents,
        int retries, Duration stallLimit) {

    /** The bound on each request, Herald's default endpoint timeout. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public LoadSpec {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(stallLimit, "stallLimit");
        if (events < 1 || endpoints < 1 || concurrency < endpoints || warmupEvents < 0 || retries < 0) {
            throw new IllegalArgumentException("events and endpoints must be at least 1, concurrency at least"
                    + " endpoints, warm-up and retries at least 0");
        }
    }

    /** Deliveries the timed run makes. */
    public long deliveries() {
        return (long) events * endpoints;
    }

    /** The most events in flight at once: every delivery of an event takes one place of {@code concurrency}. */
    public int eventsInFlight() {
        return concurrency / endpoints;
    }
}
