/**
 * The external-plugin server: Herald's webhook plugin served to the ContextForge gateway over MCP (streamable
 * HTTP or stdio), as the gateway's external-plugin protocol defines it. {@link dev.herald.gateway.server.PluginServer}
 * hosts {@link dev.herald.gateway.server.HostedPlugin}s; {@link dev.herald.gateway.server.PluginServerSettings}
 * reads where it listens from the environment. The details live in {@code dev.herald.gateway.server.internal}.
 */
package dev.herald.gateway.server;
