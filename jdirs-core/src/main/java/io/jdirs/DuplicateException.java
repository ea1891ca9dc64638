package io.jdirs;

/**
 * A commit would give two nodes the same values in a unique index. Nothing of the transaction was
 * written; running it again does not help until one of the two values changes.
 */
public class DuplicateException extends JdirsException {
    private final String existing;

    /**
     * @param path     the node that would take the values (database-relative, as on disk)
     * @param existing the node that holds them
     */
    public DuplicateException(String path, String existing, String detail) {
        super(path, detail);
        this.existing = existing;
    }

    /** The database-relative path of the node that already holds the values. */
    public String existing() {
        return existing;
    }
}
