/** Herald's transport-http module. */
package dev.herald.transport.http;
