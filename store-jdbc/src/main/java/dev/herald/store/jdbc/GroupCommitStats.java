package dev.herald.store.jdbc;

/**
 * How well a store grouped its writes so far: {@code writes / commits} calls shared each transaction.
 *
 * @param commits transactions the writer committed
 * @param writes calls whose writes they held
 */
public record GroupCommitStats(long commits, long writes) {}
