/** The HTTP transport's implementation: the reactor-netty client, the SSRF guard and the per-endpoint gates. */
package dev.herald.transport.http.internal;
