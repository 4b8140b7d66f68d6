/** Herald's benchmarks module. */
package dev.herald.benchmarks;
