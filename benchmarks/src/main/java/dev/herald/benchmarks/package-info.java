/** JMH benchmarks of Herald's pipeline and the end-to-end load driver. */
package dev.herald.benchmarks;
