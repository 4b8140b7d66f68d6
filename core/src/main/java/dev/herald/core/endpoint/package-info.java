/** Where events go: endpoints, the filters that pick their events, and their authentication settings. */
package dev.herald.core.endpoint;
