/** Herald's auth module. */
package dev.herald.auth;
