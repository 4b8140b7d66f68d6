/** The plugin server's workings: the three MCP tools, their envelopes, Jetty and the stdio pipes. Not an API. */
package dev.herald.gateway.server.internal;
