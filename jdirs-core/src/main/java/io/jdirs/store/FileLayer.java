package io.jdirs.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations jdirs performs, and the only way it touches the disk (the lock file and the
 * shared-memory file, which hold no data, excepted). {@link NioFileLayer} is the real one; tests
 * substitute layers that count, fail or tear any single operation, or forget what was not synced.
 */
public interface FileLayer {
    /** What a path is, without following symbolic links. */
    enum Kind { MISSING, FILE, DIRECTORY, OTHER }

    /**
     * What a stat tells: the kind, and for hand-edit detection the size, the modification time and the
     * file's identity (inode); two stats of an unchanged file are equal.
     */
    record Stat(Kind kind, long size, long modified, Object identity) {
        public static final Stat MISSING = new Stat(Kind.MISSING, 0, 0, null);
    }

    /** The names in a directory, in no particular order; null if it does not exist or is not a directory. */
    List<String> names(Path dir) throws IOException;

    /**
     * Gives the names in a directory to {@code visitor}, in no particular order, without holding them all
     * in memory, until it returns false; does nothing if the directory does not exist.
     */
    default void forEachName(Path dir, java.util.function.Predicate<String> visitor) throws IOException {
        List<String> names = names(dir);
        if (names != null) {
            for (String n : names) {
                if (!visitor.test(n)) {
                    return;
                }
            }
        }
    }

    Stat stat(Path path) throws IOException;

    /** A whole file; null if it does not exist. */
    byte[] read(Path file) throws IOException;

    /** A file from {@code offset} to its end (empty past the end); null if it does not exist. */
    byte[] read(Path file, long offset) throws IOException;

    /** Creates or truncates a file and writes all of {@code data} to it (not yet durable). */
    void write(Path file, byte[] data) throws IOException;

    /** Appends {@code data} to a file, creating it if needed (not yet durable). */
    void append(Path file, byte[] data) throws IOException;

    /** Cuts a file to {@code size} bytes. */
    void truncate(Path file, long size) throws IOException;

    /** Makes a file's content, or a directory's entries, durable (fsync). */
    void sync(Path path) throws IOException;

    /** Renames atomically, replacing a file at {@code to}. */
    void rename(Path from, Path to) throws IOException;

    /** Deletes a file or an empty directory; does nothing if it does not exist. */
    void delete(Path path) throws IOException;

    /** Creates a directory whose parent exists; does nothing if it exists already. */
    void mkdir(Path dir) throws IOException;
}
