/**
 * The external-plugin server: Herald's webhook plugin served to the ContextForge gateway over MCP (streamable
 * HTTP or stdio), as the gateway's external-plugin protocol defines it. {@link dev.herald.gateway.server.PluginServer}
 * hosts {@link dev.herald.gateway.server.HostedPlugin}s; {@link dev.herald.gateway.server.PluginServerSettings}
 * reads where it listens from the environment, and {@link dev.herald.gateway.server.ServerSecurity} who may call it
 * (allowed origins, TLS with client certificates as {@link dev.herald.gateway.server.TlsSettings}, a Unix domain
 * socket, the session idle timeout). The details live in {@code dev.herald.gateway.server.internal}.
 */
package dev.herald.gateway.server;
