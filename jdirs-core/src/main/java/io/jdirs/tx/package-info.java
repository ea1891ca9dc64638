/**
 * Transactions: {@link io.jdirs.tx.Engine} is one open database (cache, snapshots, what it knows of
 * recent commits), {@link io.jdirs.tx.Tx} one transaction's view of it (the snapshot it reads and the
 * changes it buffers); {@code Compiler} turns those changes into ordered file operations and
 * {@code Committer} runs the commit protocol of docs/RECOVERY.md, with {@code Coordinator} holding
 * what processes share (locks, shared memory).
 */
package io.jdirs.tx;
