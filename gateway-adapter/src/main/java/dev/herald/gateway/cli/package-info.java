/** The {@code herald} command line. */
package dev.herald.gateway.cli;
