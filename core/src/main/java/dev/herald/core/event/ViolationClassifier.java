package dev.herald.core.event;

import java.util.Locale;

/**
 * The seed plugin's mapping of a violation to an event type, kept exactly: code {@code RATE_LIMIT} (case
 * sensitive) gives {@code rate_limit_exceeded}; {@code pii} in the reason, any case, gives {@code pii_detected};
 * {@code harmful} or {@code content} in the reason gives {@code harmful_content}; anything else {@code violation}.
 */
public final class ViolationClassifier {
    private ViolationClassifier() {}

    /** Classifies a violation; no violation at all is a {@code tool_success}, as in the seed. */
    public static EventType classify(Violation violation) {
        if (violation == null) {
            return EventType.TOOL_SUCCESS;
        }
        if ("RATE_LIMIT".equals(violation.code())) {
            return EventType.RATE_LIMIT_EXCEEDED;
        }
        String reason = violation.reason() == null ? "" : violation.reason().toLowerCase(Locale.ROOT);
        if (reason.contains("pii")) {
            return EventType.PII_DETECTED;
        }
        if (reason.contains("harmful") || reason.contains("content")) {
            return EventType.HARMFUL_CONTENT;
        }
        return EventType.VIOLATION;
    }
}
