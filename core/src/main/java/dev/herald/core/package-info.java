/**
 * Herald's pure domain: events, endpoints and their filters, the retry policy, the dispatcher, and the
 * ports through which the domain reaches the world (transport, signing, templating, time).
 *
 * <p>Nothing here depends on a framework; adapters implement the ports and a composition root wires them.
 */
package dev.herald.core;
