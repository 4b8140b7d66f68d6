/** The transport port: how a prepared request reaches an endpoint, and what comes back. */
package dev.herald.core.transport;
