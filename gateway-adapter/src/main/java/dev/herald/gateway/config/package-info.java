/**
 * The webhook plugin's configuration, as the ContextForge gateway writes it: {@link
 * dev.herald.gateway.config.PluginConfigLoader} reads a gateway plugins file (or the plugin's config block alone)
 * into a {@link dev.herald.gateway.config.LoadedPluginConfig}, or reports every problem at once in a {@link
 * dev.herald.gateway.config.ConfigException}. The reading itself lives in the {@code internal} package.
 */
package dev.herald.gateway.config;
