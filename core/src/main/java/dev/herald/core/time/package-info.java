/** The clock and scheduler port: what time it is and running work later; a manual one makes tests exact. */
package dev.herald.core.time;
