package io.jdirs.tx;

/**
 * The settings the engine runs with (the API's Options, in the units the engine uses).
 *
 * @param cacheSize         bytes of cache
 * @param durable           commits return once durable; otherwise they are flushed within {@code flushInterval}
 * @param lockTimeout       milliseconds to wait for the writer lock before failing as busy
 * @param retries           times {@code read}/{@code write} run a transaction again after a conflict
 * @param flushInterval     milliseconds within which relaxed commits are written to the files
 * @param revalidateAfter   milliseconds after which cached entries are checked against the files
 * @param changeRetention   milliseconds the change log is kept
 */
public record Settings(long cacheSize, boolean durable, long lockTimeout, int retries, long flushInterval,
                       long revalidateAfter, long changeRetention) {
}
