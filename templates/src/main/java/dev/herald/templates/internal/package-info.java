/**
 * The FreeMarker machinery behind {@link dev.herald.templates.FreemarkerTemplateRenderer}: the hardened
 * configuration, the seed-template translator, the data model, the JSON writer and the start-up checks.
 * Not an API; anything here may change.
 */
package dev.herald.templates.internal;
