/**
 * Request signing and authentication for Herald, and verifiers for the receivers of its webhooks.
 *
 * <p>Senders bind {@link dev.herald.auth.SigningModule} (or construct {@link dev.herald.auth.AuthSignerFactory}
 * directly) so that every endpoint's {@code authentication} block becomes a signer at start-up. Signing types are
 * registered by name; a user's own type joins the built-in ones through
 * {@link dev.herald.auth.SigningModule#signingTypes}. Receivers use
 * {@link dev.herald.auth.StandardWebhooksVerifier} or {@link dev.herald.auth.SeedHmacVerifier}. Secrets never
 * appear in messages, {@code toString} or logs.
 */
package dev.herald.auth;
