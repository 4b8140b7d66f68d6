/** Herald's templates module. */
package dev.herald.templates;
