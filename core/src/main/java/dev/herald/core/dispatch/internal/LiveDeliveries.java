package dev.herald.core.dispatch.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The deliveries that have not ended, so that closing can report each one. Every delivery passes through here
 * twice, on the hot path, and a concurrent hash set cost a fifth of a delivery's overhead in the benchmarks; so
 * deliveries link themselves into one of a few lock-striped lists instead: no hashing, no node objects.
 */
public final class LiveDeliveries {
    private static final int STRIPES = 16;

    private final Stripe[] stripes = new Stripe[STRIPES];

    public LiveDeliveries() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** Links a new delivery in. */
    public void add(Delivery d) {
        int s = (int) Thread.currentThread().getId() & (STRIPES - 1);
        d.stripe = s;
        Stripe stripe = stripes[s];
        synchronized (stripe) {
            d.next = stripe.head;
            if (stripe.head != null) {
                stripe.head.prev = d;
            }
            stripe.head = d;
            d.linked = true;
        }
    }

    /** Unlinks a delivery; a delivery that is not linked is left alone. */
    public void remove(Delivery d) {
        Stripe stripe = stripes[d.stripe];
        synchronized (stripe) {
            if (!d.linked) {
                return;
            }
            if (d.prev != null) {
                d.prev.next = d.next;
            } else {
                stripe.head = d.next;
            }
            if (d.next != null) {
                d.next.prev = d.prev;
            }
            d.prev = null;
            d.next = null;
            d.linked = false;
        }
    }

    /** A copy of the deliveries linked now. */
    public List<Delivery> snapshot() {
        List<Delivery> out = new ArrayList<>();
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                for (Delivery d = stripe.head; d != null; d = d.next) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /**
     * The earliest acceptance time of the deliveries linked now, in epoch milliseconds; {@code Long.MAX_VALUE}
     * when none is. Walks every delivery (a delivery adopted from a store may be older than those linked before
     * it), one stripe locked at a time: for a gauge read now and then, never for the hot path.
     */
    public long oldestAcceptedAtMillis() {
        long oldest = Long.MAX_VALUE;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                for (Delivery d = stripe.head; d != null; d = d.next) {
                    oldest = Math.min(oldest, d.acceptedAtMillis());
                }
            }
        }
        return oldest;
    }

    private static final class Stripe {
        private Delivery head;
    }
}
