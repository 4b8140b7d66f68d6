/**
 * What a library user starts: {@link dev.herald.engine.Herald#start} assembles the core's dispatcher with the
 * transport, signing, templates and store adapters from one {@link dev.herald.engine.HeraldConfig} through Guice
 * ({@link dev.herald.engine.HeraldModule}), and closes exactly what it built.
 */
package dev.herald.engine;
