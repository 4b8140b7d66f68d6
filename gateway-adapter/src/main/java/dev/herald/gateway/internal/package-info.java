/** Helpers the gateway adapter's packages share (the nearest known word for hints, which parts Herald built and closes). Not an API. */
package dev.herald.gateway.internal;
