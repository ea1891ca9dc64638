package io.jdirs;

import io.jdirs.tx.Settings;

import java.util.Locale;
import java.util.Objects;

/**
 * Settings of an open database. Immutable: each setter returns a changed copy. Every setting has one
 * name, used by {@link #set(String, String)} and the command line, and a default; none changes while
 * the database is open.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code durability}</td><td>{@code durable}</td><td>{@code durable}: a commit returns once it is on
 *       stable storage. {@code relaxed}: a commit returns at once and is written within
 *       {@code flushInterval}; a power loss may lose the last commits, never part of one</td></tr>
 *   <tr><td>{@code lockTimeout}</td><td>10000 ms</td><td>how long a commit waits for other writers before
 *       failing with {@link BusyException}</td></tr>
 *   <tr><td>{@code retries}</td><td>20</td><td>how many times {@link Database#read}, {@link Database#write} and
 *       single node operations run again after a {@link ConflictException}</td></tr>
 *   <tr><td>{@code cacheSize}</td><td>64 MiB</td><td>memory for cached listings and values ({@code 0}: none);
 *       {@code set} takes suffixes k, m, g</td></tr>
 *   <tr><td>{@code flushInterval}</td><td>100 ms</td><td>relaxed durability: the longest a commit waits to be
 *       written to the files and seen by other processes</td></tr>
 *   <tr><td>{@code revalidateAfter}</td><td>1000 ms</td><td>cached data older than this is checked against the
 *       files when next used, so hand edits show within this delay</td></tr>
 *   <tr><td>{@code changeRetention}</td><td>7 days (604800000 ms)</td><td>how long the change log
 *       ({@code .jdirs/changes/}) is kept</td></tr>
 * </table>
 */
public final class Options {
    /** How commits reach stable storage. */
    public enum Durability {
        /** A commit returns once its journal record is on stable storage (fsync). */
        DURABLE,
        /** A commit returns at once; it is made durable and applied within {@code flushInterval}. */
        RELAXED
    }

    private static final Options DEFAULTS = new Options(Durability.DURABLE, 10_000, 20, 64L << 20, 100, 1000,
            7L * 24 * 3600 * 1000);

    private final Durability durability;
    private final long lockTimeout;
    private final int retries;
    private final long cacheSize;
    private final long flushInterval;
    private final long revalidateAfter;
    private final long changeRetention;

    private Options(Durability durability, long lockTimeout, int retries, long cacheSize, long flushInterval,
                    long revalidateAfter, long changeRetention) {
        this.durability = durability;
        this.lockTimeout = lockTimeout;
        this.retries = retries;
        this.cacheSize = cacheSize;
        this.flushInterval = flushInterval;
        this.revalidateAfter = revalidateAfter;
        this.changeRetention = changeRetention;
    }

    public static Options defaults() {
        return DEFAULTS;
    }

    public Durability durability() {
        return durability;
    }

    public Options durability(Durability d) {
        return new Options(Objects.requireNonNull(d, "durability"), lockTimeout, retries, cacheSize, flushInterval,
                revalidateAfter, changeRetention);
    }

    /** Milliseconds a commit waits for other writers. */
    public long lockTimeout() {
        return lockTimeout;
    }

    public Options lockTimeout(long millis) {
        return new Options(durability, positive("lockTimeout", millis), retries, cacheSize, flushInterval,
                revalidateAfter, changeRetention);
    }

    public int retries() {
        return retries;
    }

    public Options retries(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, was " + times);
        }
        return new Options(durability, lockTimeout, times, cacheSize, flushInterval, revalidateAfter, changeRetention);
    }

    /** Memory for the cache of listings and values, in bytes. */
    public long cacheSize() {
        return cacheSize;
    }

    public Options cacheSize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cacheSize must be 0 or more bytes, was " + bytes);
        }
        return new Options(durability, lockTimeout, retries, bytes, flushInterval, revalidateAfter, changeRetention);
    }

    public long flushInterval() {
        return flushInterval;
    }

    public Options flushInterval(long millis) {
        return new Options(durability, lockTimeout, retries, cacheSize, positive("flushInterval", millis),
                revalidateAfter, changeRetention);
    }

    public long revalidateAfter() {
        return revalidateAfter;
    }

    public Options revalidateAfter(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("revalidateAfter must be 0 or more milliseconds, was " + millis);
        }
        return new Options(durability, lockTimeout, retries, cacheSize, flushInterval, millis, changeRetention);
    }

    public long changeRetention() {
        return changeRetention;
    }

    public Options changeRetention(long millis) {
        return new Options(durability, lockTimeout, retries, cacheSize, flushInterval, revalidateAfter,
                positive("changeRetention", millis));
    }

    /** Sets a setting by its name from text, as the command line does: {@code set("cacheSize", "256m")}. */
    public Options set(String name, String value) {
        switch (name) {
            case "durability":
                try {
                    return durability(Durability.valueOf(value.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("durability: \"" + value + "\" is not durable or relaxed");
                }
            case "lockTimeout":
                return lockTimeout(number(name, value));
            case "retries":
                return retries(Math.toIntExact(number(name, value)));
            case "cacheSize":
                return cacheSize(bytes(name, value));
            case "flushInterval":
                return flushInterval(number(name, value));
            case "revalidateAfter":
                return revalidateAfter(number(name, value));
            case "changeRetention":
                return changeRetention(number(name, value));
            default:
                throw new IllegalArgumentException("unknown setting \"" + name + "\"; the settings are durability, "
                        + "lockTimeout, retries, cacheSize, flushInterval, revalidateAfter, changeRetention");
        }
    }

    /** The settings as the engine takes them. */
    Settings settings() {
        return new Settings(cacheSize, durability == Durability.DURABLE, lockTimeout, retries, flushInterval,
                revalidateAfter, changeRetention);
    }

    private static long positive(String name, long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException(name + " must be more than 0 milliseconds, was " + millis);
        }
        return millis;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": \"" + value + "\" is not a whole number");
        }
    }

    private static long bytes(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!v.isEmpty() && "kmg".indexOf(v.charAt(v.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmg".indexOf(v.charAt(v.length() - 1)) + 1));
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(v), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(name + ": \"" + value + "\" is not a size in bytes (such as 65536, 512k, 64m, 1g)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Options x && x.settings().equals(settings());
    }

    @Override
    public int hashCode() {
        return settings().hashCode();
    }

    @Override
    public String toString() {
        return "durability=" + durability.name().toLowerCase(Locale.ROOT) + " lockTimeout=" + lockTimeout
                + " retries=" + retries + " cacheSize=" + cacheSize + " flushInterval=" + flushInterval
                + " revalidateAfter=" + revalidateAfter + " changeRetention=" + changeRetention;
    }
}
