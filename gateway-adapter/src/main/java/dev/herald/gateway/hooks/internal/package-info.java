/** The hooks' implementation details: how refused events are told in the log. Not an API. */
package dev.herald.gateway.hooks.internal;
