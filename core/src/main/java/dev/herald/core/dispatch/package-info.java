/**
 * The dispatcher: fans events out to endpoints, renders, signs, sends and retries, bounded and never blocking
 * the host; and what it reports to listeners.
 */
package dev.herald.core.dispatch;
