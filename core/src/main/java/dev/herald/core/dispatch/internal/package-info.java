/** The dispatcher's moving parts; not part of Herald's API. */
package dev.herald.core.dispatch.internal;
