package dev.herald.gateway.cli;

import dev.herald.core.dispatch.CloseReport;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DispatcherStats;
import dev.herald.core.dispatch.PendingInStore;
import dev.herald.core.store.StoredDelivery;
import java.io.PrintStream;
import java.util.List;

/**
 * What {@code serve} says on stderr when it stops: what became of every delivery, so that an operator can account
 * for each one. With a store, what is left is what the store holds pending, read back after the close, so that it
 * is exactly what {@code herald deliveries list --status pending} shows, attempts included; without one, what the
 * dispatcher could not finish.
 */
final class StopReport {
    private final PrintStream err;

    StopReport(PrintStream err) {
        this.err = err;
    }

    void print(CloseReport report, DispatcherStats stats) {
        // Deliveries cancelled at close count as failed in the stats; here they are undelivered instead.
        long failed = stats.deliveriesFailed() - report.undelivered().size();
        PendingInStore pending = report.store();
        long undelivered = pending == null ? report.undelivered().size() : pending.count();
        err.printf("serve: stopped: deliveries=%d delivered=%d failed=%d undelivered=%d; events refused=%d%n",
                stats.deliveriesDelivered() + failed + undelivered, stats.deliveriesDelivered(), failed,
                undelivered, stats.eventsRejected());
        if (pending == null) {
            printInMemory(report);
        } else {
            printInStore(pending);
        }
    }

    private void printInMemory(CloseReport report) {
        if (report.undelivered().isEmpty()) {
            err.println("serve: every delivery drained");
            return;
        }
        printUndelivered(err, "serve", report.undelivered());
    }

    /** Each delivery a close left undelivered, by endpoint, id, event and attempts: what serve and send print. */
    static void printUndelivered(PrintStream err, String command, List<DeliveryOutcome> undelivered) {
        err.printf("%s: %d deliveries not delivered before the deadline:%n", command, undelivered.size());
        for (DeliveryOutcome o : undelivered) {
            printLine(err, o.endpointName(), o.deliveryId(), o.event().type().name(), o.attempts());
        }
    }

    private static void printLine(PrintStream err, String endpoint, String id, String event, int attempts) {
        err.printf("  %s %s event=%s attempts=%d%n", endpoint, id, event, attempts);
    }

    private void printInStore(PendingInStore pending) {
        if (pending.unreadable() != null) {
            err.println("serve: could not read what is pending in the delivery store (" + pending.unreadable()
                    + "); herald deliveries list --status pending shows it");
            return;
        }
        if (pending.count() == 0) {
            err.println("serve: every delivery drained");
            return;
        }
        err.printf("serve: %d deliveries pending in the store, sent at the next start (herald deliveries list"
                + " --status pending):%n", pending.count());
        for (StoredDelivery d : pending.listed()) {
            printLine(err, d.endpointName(), d.deliveryId(), d.event().type().name(), d.attempts());
        }
        if (pending.count() > pending.listed().size()) {
            err.printf("  ... and %d more%n", pending.count() - pending.listed().size());
        }
    }
}
