/** What happened: events, their types, the request they belong to, and policy violations. */
package dev.herald.core.event;
