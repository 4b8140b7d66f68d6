/** The signers, key parsing and MAC plumbing behind {@code dev.herald.auth}; not part of Herald's API. */
package dev.herald.auth.internal;
