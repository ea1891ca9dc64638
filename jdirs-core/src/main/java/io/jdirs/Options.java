package io.jdirs;

import java.util.Locale;

/**
 * Settings of an open database. Immutable: each setter returns a changed copy. Every setting has one
 * name, used by {@link #set(String, String)} (and by the command line), and a default:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code cacheSize}</td><td>64 MiB</td><td>memory for cached listings and values, in bytes
 *       ({@code 0} caches nothing); suffixes k, m, g are accepted by {@code set}</td></tr>
 * </table>
 */
public final class Options {
    public static final long DEFAULT_CACHE_SIZE = 64L << 20;

    private static final Options DEFAULTS = new Options(DEFAULT_CACHE_SIZE);

    private final long cacheSize;

    private Options(long cacheSize) {
        this.cacheSize = cacheSize;
    }

    public static Options defaults() {
        return DEFAULTS;
    }

    /** Memory for the cache of listings and values, in bytes. */
    public long cacheSize() {
        return cacheSize;
    }

    public Options cacheSize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cacheSize must be 0 or more bytes, was " + bytes);
        }
        return new Options(bytes);
    }

    /** Sets a setting by its name from text, as the command line does: {@code set("cacheSize", "256m")}. */
    public Options set(String name, String value) {
        switch (name) {
            case "cacheSize":
                return cacheSize(bytes(name, value));
            default:
                throw new IllegalArgumentException("unknown setting \"" + name + "\"; the settings are: cacheSize");
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
    public String toString() {
        return "cacheSize=" + cacheSize;
    }
}
