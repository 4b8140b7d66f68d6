/** Helpers the gateway adapter's packages share (the nearest known word, for hints). Not an API. */
package dev.herald.gateway.internal;
