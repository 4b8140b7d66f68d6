/** Helpers the gateway adapter's packages share (how a URL is shown outside the process, which parts Herald built and closes). Not an API. */
package dev.herald.gateway.internal;
