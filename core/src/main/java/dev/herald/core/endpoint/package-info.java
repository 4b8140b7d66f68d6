/**
 * Where events go: endpoints, the filters that pick their events, and their authentication settings; and how a URL
 * (an endpoint's or a database's) is shown outside the process ({@link dev.herald.core.endpoint.UrlMasking}).
 */
package dev.herald.core.endpoint;
