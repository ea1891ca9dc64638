/**
 * The journal: what commits are made of ({@link io.jdirs.journal.Op}), the redo journal that makes them
 * atomic and durable ({@link io.jdirs.journal.Journal}), the change log that tells other processes what
 * changed ({@link io.jdirs.journal.ChangeLog}), and {@link io.jdirs.journal.Redo}, which applies a
 * commit's operations to the files, the same way after a crash as the first time.
 */
package io.jdirs.journal;
