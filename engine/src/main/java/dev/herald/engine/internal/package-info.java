/** The engine's lifecycle bookkeeping (which parts Herald built and so closes, in reverse order). Not an API. */
package dev.herald.engine.internal;
