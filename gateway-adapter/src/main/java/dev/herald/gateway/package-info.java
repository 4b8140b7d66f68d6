/**
 * The composition root: assembles Herald's core, transport, signing and templates from one config with Guice,
 * and (later) the ContextForge gateway integration.
 */
package dev.herald.gateway;
