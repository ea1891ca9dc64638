package io.jdirs.store;

import io.jdirs.InvalidDataException;
import io.jdirs.JdirsException;
import io.jdirs.StorageException;
import io.jdirs.format.Codec;
import io.jdirs.format.KeyCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jdirs.format.Names.join;

/**
 * One database directory seen through a {@link FileLayer}. Paths are database-relative, with
 * {@code /} separators ({@code ""} is the root); every I/O failure becomes a {@link StorageException}
 * naming the path.
 */
public final class Store {
    /** The metadata directory at the root of every database. */
    public static final String META = ".jdirs";
    /** The file that makes a directory a database, holding {@code jdirs format 1}. */
    public static final String FORMAT_FILE = META + "/format";
    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    private static final String FORMAT_LINE = "jdirs format ";

    private final Path root;
    private final FileLayer fs;

    private Store(Path root, FileLayer fs) {
        this.root = root;
        this.fs = fs;
    }

    /**
     * Opens the database at {@code root}. Without {@code .jdirs/format}, a missing or empty directory
     * becomes a new database, and so does any directory when {@code adopt} is set; other directories
     * are refused.
     */
    public static Store open(Path root, FileLayer fs, boolean adopt) {
        Store s = new Store(root.toAbsolutePath().normalize(), fs);
        byte[] format = s.read(FORMAT_FILE);
        if (format != null) {
            s.checkFormat(format);
            if (adopt) {
                throw new JdirsException(s.root.toString(), "is a jdirs database already");
            }
            return s;
        }
        FileLayer.Kind kind = s.kind("");
        if (kind == FileLayer.Kind.MISSING) {
            s.mkdirs(s.root);
        } else if (kind != FileLayer.Kind.DIRECTORY) {
            throw new JdirsException(s.root.toString(), "is not a directory");
        } else if (!adopt && !s.names("").isEmpty()) {
            throw new JdirsException(s.root.toString(), "is not a jdirs database (it has files but no "
                    + FORMAT_FILE + "); Database.init adopts an existing directory");
        }
        s.mkdir(META);
        s.writeDurably(FORMAT_FILE, ("jdirs format " + FORMAT_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
        return s;
    }

    private void checkFormat(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8).strip();
        String number = text.startsWith(FORMAT_LINE) ? text.substring(FORMAT_LINE.length()) : "";
        if (number.length() > 9 || number.startsWith("+") || number.startsWith("-") || !Codec.isInteger(number)) {
            throw new InvalidDataException(FORMAT_FILE, "\"" + text + "\" is not a format line (expected \"jdirs format "
                    + FORMAT_VERSION + "\")");
        }
        int version = Integer.parseInt(number);
        if (version != FORMAT_VERSION) {
            throw new InvalidDataException(FORMAT_FILE, "the database is in format " + version
                    + "; this jdirs reads format " + FORMAT_VERSION);
        }
    }

    public Path root() {
        return root;
    }

    public FileLayer files() {
        return fs;
    }

    public Path path(String rel) {
        return rel.isEmpty() ? root : root.resolve(rel);
    }

    /** The listing of a node directory, stamped with its stat; {@link Listing#MISSING} if there is no directory. */
    public Listing listing(String dir) {
        FileLayer.Stat stamp = stat(dir);
        return listing(dir, stamp, names(dir));
    }

    /** The listing of a directory whose stat and then names were just read (names null: no directory). */
    public Listing listing(String dir, FileLayer.Stat stamp, List<String> names) {
        if (names == null) {
            return Listing.MISSING;
        }
        Map<String, FileLayer.Stat> stats = new HashMap<>(names.size() * 2);
        for (String name : names) {
            if (!KeyCodec.isIgnored(name)) {
                stats.put(name, stat(join(dir, name)));
            }
        }
        return Listing.of(stats, stamp);
    }

    /** The names in a directory, or null if it is not one. */
    public List<String> names(String dir) {
        try {
            return fs.names(path(dir));
        } catch (IOException e) {
            throw failure(dir, "cannot list", e);
        }
    }

    /** Gives the names in a directory to {@code visitor} until it returns false, streaming them. */
    public void forEachName(String dir, java.util.function.Predicate<String> visitor) {
        try {
            fs.forEachName(path(dir), visitor);
        } catch (IOException e) {
            throw failure(dir, "cannot list", e);
        }
    }

    public FileLayer.Kind kind(String rel) {
        return stat(rel).kind();
    }

    public FileLayer.Stat stat(String rel) {
        try {
            return fs.stat(path(rel));
        } catch (IOException e) {
            throw failure(rel, "cannot stat", e);
        }
    }

    /** A file's content, or null if it does not exist; a directory is an {@link InvalidDataException}. */
    public byte[] read(String rel) {
        try {
            return fs.read(path(rel));
        } catch (IOException e) {
            if (kind(rel) == FileLayer.Kind.DIRECTORY) {
                throw new InvalidDataException(rel, "is a directory, not a file");
            }
            throw failure(rel, "cannot read", e);
        }
    }

    /** A file from {@code offset} to its end; null if it does not exist. */
    public byte[] read(String rel, long offset) {
        try {
            return fs.read(path(rel), offset);
        } catch (IOException e) {
            throw failure(rel, "cannot read", e);
        }
    }

    public void append(String rel, byte[] data) {
        try {
            fs.append(path(rel), data);
        } catch (IOException e) {
            throw failure(rel, "cannot append", e);
        }
    }

    public void truncate(String rel, long size) {
        try {
            fs.truncate(path(rel), size);
        } catch (IOException e) {
            throw failure(rel, "cannot truncate", e);
        }
    }

    public void write(String rel, byte[] data) {
        try {
            fs.write(path(rel), data);
        } catch (IOException e) {
            throw failure(rel, "cannot write", e);
        }
    }

    /** Writes a file through a temporary name: write, fsync, rename, fsync the directory. */
    public void writeDurably(String rel, byte[] data) {
        int slash = rel.lastIndexOf('/');
        String dir = slash < 0 ? "" : rel.substring(0, slash);
        String tmp = join(dir, "." + rel.substring(slash + 1) + ".tmp");
        write(tmp, data);
        sync(tmp);
        rename(tmp, rel);
        sync(dir);
    }

    public void sync(String rel) {
        try {
            fs.sync(path(rel));
        } catch (IOException e) {
            throw failure(rel, "cannot sync", e);
        }
    }

    public void rename(String from, String to) {
        try {
            fs.rename(path(from), path(to));
        } catch (IOException e) {
            throw failure(from, "cannot rename to " + to, e);
        }
    }

    public void delete(String rel) {
        try {
            fs.delete(path(rel));
        } catch (IOException e) {
            throw failure(rel, "cannot delete", e);
        }
    }

    /** Deletes a file or a directory with everything in it; nothing if it does not exist. */
    public void deleteTree(String rel) {
        if (kind(rel) == FileLayer.Kind.DIRECTORY) {
            List<String> names = names(rel);
            if (names != null) {
                for (String name : names) {
                    deleteTree(join(rel, name));
                }
            }
        }
        delete(rel);
    }

    public void mkdir(String rel) {
        try {
            fs.mkdir(path(rel));
        } catch (IOException e) {
            throw failure(rel, "cannot create directory", e);
        }
    }

    /** Creates a directory and its missing parents. */
    public void mkdirs(String rel) {
        mkdirs(path(rel));
    }

    private void mkdirs(Path dir) {
        try {
            if (fs.stat(dir).kind() == FileLayer.Kind.MISSING) {
                Path parent = dir.getParent();
                if (parent != null) {
                    mkdirs(parent);
                }
                fs.mkdir(dir);
            }
        } catch (IOException e) {
            throw failure(dir.toString(), "cannot create directory", e);
        }
    }

    /** The failure of a file operation as a {@link StorageException} with a readable reason. */
    public static StorageException failure(String rel, String what, IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason();
        } else {
            reason = String.valueOf(e.getMessage());
        }
        return new StorageException(rel, what + ": " + reason, e);
    }
}
