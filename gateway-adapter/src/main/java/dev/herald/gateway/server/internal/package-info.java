/**
 * The plugin server's workings: the three MCP tools, their envelopes, Jetty (its connectors, PEM key material and the
 * Origin guard) and the stdio pipes. Not an API.
 */
package dev.herald.gateway.server.internal;
