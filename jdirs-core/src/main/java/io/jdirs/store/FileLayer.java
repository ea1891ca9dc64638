package io.jdirs.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations jdirs performs, and the only way it touches the disk. {@link NioFileLayer} is
 * the real one; tests substitute layers that fail, tear or forget any single operation.
 */
public interface FileLayer {
    /** What a path is, without following symbolic links. */
    enum Kind { MISSING, FILE, DIRECTORY, OTHER }

    /** The names in a directory, in no particular order; null if it does not exist or is not a directory. */
    List<String> names(Path dir) throws IOException;

    Kind kind(Path path) throws IOException;

    /** A whole file; null if it does not exist. */
    byte[] read(Path file) throws IOException;

    /** Creates or truncates a file and writes all of {@code data} to it (not yet durable). */
    void write(Path file, byte[] data) throws IOException;

    /** Makes a file's content, or a directory's entries, durable (fsync). */
    void sync(Path path) throws IOException;

    /** Renames atomically, replacing a file at {@code to}. */
    void rename(Path from, Path to) throws IOException;

    /** Deletes a file or an empty directory; does nothing if it does not exist. */
    void delete(Path path) throws IOException;

    /** Creates a directory whose parent exists; does nothing if it exists already. */
    void mkdir(Path dir) throws IOException;
}
