/**
 * Transactions: {@link io.jdirs.tx.Engine} is one open database (cache, commit lock), {@link io.jdirs.tx.Tx}
 * one transaction's view of it (the snapshot it reads and the changes it buffers), and {@code Commit}
 * turns those changes into the ordered file operations that apply them.
 */
package io.jdirs.tx;
