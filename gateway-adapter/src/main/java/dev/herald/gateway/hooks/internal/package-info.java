/**
 * The hooks' implementation details: how refused events are told in the log, where a request's trace context is
 * found. Not an API.
 */
package dev.herald.gateway.hooks.internal;
