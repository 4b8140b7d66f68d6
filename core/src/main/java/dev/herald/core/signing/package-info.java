/** The signing port: headers that authenticate a request, computed from its exact bytes. */
package dev.herald.core.signing;
