/** Herald's gateway-adapter module. */
package dev.herald.gateway;
