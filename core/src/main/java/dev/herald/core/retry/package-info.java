/** When to try again: outcome classification, the retry policy and its backoff, and {@code Retry-After}. */
package dev.herald.core.retry;
