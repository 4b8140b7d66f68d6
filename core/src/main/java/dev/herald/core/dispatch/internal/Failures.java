package dev.herald.core.dispatch.internal;

import dev.herald.core.transport.TransportException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How the dispatcher words a failure: one wording for attempts, admissions and the store. */
public final class Failures {
    private Failures() {}

    /** The failure inside the wrappers a future adds. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** A transport failure by its kind and message, anything else by its type and message. */
    public static String describe(Throwable t) {
        if (t instanceof TransportException te) {
            return te.kind().name().toLowerCase() + ": " + te.getMessage();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
