/**
 * The ContextForge gateway's hooks: its JSON payloads, context, violation and result as Jackson records, and
 * {@link dev.herald.gateway.hooks.WebhookNotificationPlugin}, the Java port of the seed plugin's six hooks.
 */
package dev.herald.gateway.hooks;
