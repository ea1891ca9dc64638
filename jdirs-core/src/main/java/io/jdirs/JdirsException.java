package io.jdirs;

/**
 * The root of every exception jdirs throws on its own account (invalid arguments are
 * {@link IllegalArgumentException}s). The subclasses are the conditions a caller can act on:
 * {@link InvalidDataException}, {@link ConflictException}, {@link BusyException},
 * {@link ClosedException} and {@link StorageException}.
 *
 * <p>The message starts with the database-relative path concerned, for example
 * {@code users/alice/age.int: "forty" is not an int}.
 */
public class JdirsException extends RuntimeException {
    private final String path;

    /**
     * @param path the database-relative path the problem concerns ({@code ""} for the root), or null
     * @param detail what is wrong and, where it helps, what was expected
     */
    public JdirsException(String path, String detail) {
        this(path, detail, null);
    }

    public JdirsException(String path, String detail, Throwable cause) {
        super(path == null ? detail : (path.isEmpty() ? "." : path) + ": " + detail, cause);
        this.path = path;
    }

    /** The database-relative path the problem concerns, as on disk ({@code users/alice/age.int}); may be null. */
    public String path() {
        return path;
    }
}
