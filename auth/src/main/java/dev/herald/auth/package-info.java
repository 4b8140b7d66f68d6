/**
 * Request signing and authentication for Herald, and verifiers for the receivers of its webhooks.
 *
 * <p>Senders bind {@link dev.herald.auth.SigningModule} (or construct {@link dev.herald.auth.AuthSignerFactory}
 * directly) so that every endpoint's {@code authentication} block becomes a signer at start-up. Receivers use
 * {@link dev.herald.auth.StandardWebhooksVerifier} or {@link dev.herald.auth.SeedHmacVerifier}. Secrets never
 * appear in messages, {@code toString} or logs.
 */
package dev.herald.auth;
