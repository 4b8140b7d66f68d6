/**
 * The load driver's parts: what to send ({@link dev.herald.benchmarks.load.LoadSpec}), the bound on deliveries in
 * flight ({@link dev.herald.benchmarks.load.DeliveryWindow}), and the two senders measured against each other,
 * Herald's whole pipeline ({@link dev.herald.benchmarks.load.HeraldLoad}) and a hand-written
 * {@code java.net.http} sender ({@link dev.herald.benchmarks.load.JdkBaselineLoad}).
 */
package dev.herald.benchmarks.load;
