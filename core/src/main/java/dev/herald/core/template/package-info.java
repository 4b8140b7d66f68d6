/** The templating port: an event rendered to the exact bytes an endpoint receives. */
package dev.herald.core.template;
