package dev.herald.core.retry;

/**
 * What an attempt's answer means for the delivery.
 *
 * <p>2xx succeeds. 408, 425, 429, 5xx and network errors are worth retrying. 410 says the endpoint is gone for
 * good: the delivery ends and the endpoint is disabled. Every other answer (other 4xx, 3xx since redirects are
 * never followed, 1xx) is final: sending the same bytes again cannot change it.
 */
public enum OutcomeClass {
    SUCCESS,
    RETRYABLE,
    FINAL,
    GONE;

    /** Classifies an HTTP status code. */
    public static OutcomeClass ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return SUCCESS;
        }
        if (status == 410) {
            return GONE;
        }
        if (status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600)) {
            return RETRYABLE;
        }
        return FINAL;
    }
}
