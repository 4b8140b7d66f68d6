/**
 * Herald's templates module: event payloads rendered with FreeMarker, always as valid, escaped JSON.
 *
 * <p>Two template syntaxes are accepted (see {@link dev.herald.templates.TemplateSyntax}): the gateway plugin's
 * {@code {{placeholder}}} templates, which keep working unchanged but can no longer produce broken or injected
 * JSON, and native FreeMarker templates with JSON helpers. Every template is compiled and test-rendered at
 * start-up, so a bad template fails the start rather than a delivery.
 *
 * <p>Start with {@link dev.herald.templates.TemplateConfig} and
 * {@link dev.herald.templates.FreemarkerTemplateRenderer}, or install
 * {@link dev.herald.templates.FreemarkerTemplatesModule} in a Guice injector.
 */
package dev.herald.templates;
