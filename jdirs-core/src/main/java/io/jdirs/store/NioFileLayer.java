package io.jdirs.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real file layer, on java.nio. */
public final class NioFileLayer implements FileLayer {
    public static final NioFileLayer INSTANCE = new NioFileLayer();

    private NioFileLayer() {
    }

    @Override
    public List<String> names(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            List<String> names = new ArrayList<>();
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
            return names;
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        } catch (FileSystemException e) {
            if (underAFile(dir, e)) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public void forEachName(Path dir, java.util.function.Predicate<String> visitor) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (!visitor.test(p.getFileName().toString())) {
                    return;
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            // nothing to visit
        } catch (FileSystemException e) {
            if (!underAFile(dir, e)) {
                throw e;
            }
        }
    }

    /**
     * Whether an operation failed because a parent of the path is a file (ENOTDIR, which Java reports
     * as a plain FileSystemException): then the path does not exist.
     */
    private static boolean underAFile(Path path, FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return false;
        }
        for (Path p = path.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            }
        }
        return false;
    }

    @Override
    public Stat stat(Path path) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Kind kind = a.isRegularFile() ? Kind.FILE : a.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
            return new Stat(kind, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.fileKey());
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Stat.MISSING;
        } catch (FileSystemException e) {
            if (underAFile(path, e)) {
                return Stat.MISSING;
            }
            throw e;
        }
    }

    @Override
    public byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            if (underAFile(file, e)) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public byte[] read(Path file, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (offset >= size) {
                return new byte[0];
            }
            ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size - offset));
            while (b.hasRemaining() && ch.read(b, offset + b.position()) >= 0) {
                // read until full or end of file
            }
            return b.position() == b.capacity() ? b.array() : java.util.Arrays.copyOf(b.array(), b.position());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void write(Path file, byte[] data) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeAll(ch, data);
        }
    }

    @Override
    public void append(Path file, byte[] data) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            writeAll(ch, data);
        }
    }

    @Override
    public void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private static void writeAll(FileChannel ch, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    @Override
    public void sync(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete(Path path) throws IOException {
        Files.deleteIfExists(path);
    }

    @Override
    public void mkdir(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
        }
    }
}
