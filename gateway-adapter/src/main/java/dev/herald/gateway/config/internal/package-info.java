/**
 * How the plugin config is read: a YAML reader that keeps order and refuses duplicates, environment
 * interpolation, entry selection, one reader per part of the config (each checking its part with the code that
 * will run it), and the redaction of secrets. Not an API: only {@link dev.herald.gateway.config} uses it.
 */
package dev.herald.gateway.config.internal;
