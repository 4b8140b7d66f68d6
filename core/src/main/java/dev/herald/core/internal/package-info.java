/** Implementation details shared by the core's packages; not part of Herald's API. */
package dev.herald.core.internal;
