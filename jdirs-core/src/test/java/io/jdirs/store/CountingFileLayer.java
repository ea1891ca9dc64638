package io.jdirs.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A file layer that records every operation, to prove what reaches the disk (and what does not). The
 * operations of the thread that syncs applied files in the background are kept apart ({@link #background}).
 */
public final class CountingFileLayer implements FileLayer {
    private final FileLayer real = NioFileLayer.INSTANCE;
    private final List<String> ops = Collections.synchronizedList(new ArrayList<>());
    private final List<String> background = Collections.synchronizedList(new ArrayList<>());

    /** The operations since the last reset, as "op path". */
    public List<String> ops() {
        synchronized (ops) {
            return List.copyOf(ops);
        }
    }

    public void reset() {
        ops.clear();
        background.clear();
    }

    /** The operations of the background syncing thread since the last reset. */
    public List<String> background() {
        synchronized (background) {
            return List.copyOf(background);
        }
    }

    private void record(String op) {
        (Thread.currentThread().getName().startsWith("jdirs sync ") ? background : ops).add(op);
    }

    public long count(String op) {
        return ops().stream().filter(o -> o.startsWith(op + " ")).count();
    }

    @Override
    public List<String> names(Path dir) throws IOException {
        record("names " + dir);
        return real.names(dir);
    }

    @Override
    public Stat stat(Path path) throws IOException {
        record("stat " + path);
        return real.stat(path);
    }

    @Override
    public byte[] read(Path file, long offset) throws IOException {
        record("read " + file + " @" + offset);
        return real.read(file, offset);
    }

    @Override
    public void append(Path file, byte[] data) throws IOException {
        record("append " + file);
        real.append(file, data);
    }

    @Override
    public void truncate(Path file, long size) throws IOException {
        record("truncate " + file);
        real.truncate(file, size);
    }

    @Override
    public byte[] read(Path file) throws IOException {
        record("read " + file);
        return real.read(file);
    }

    @Override
    public void write(Path file, byte[] data) throws IOException {
        record("write " + file);
        real.write(file, data);
    }

    @Override
    public void sync(Path path) throws IOException {
        record("sync " + path);
        real.sync(path);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        record("rename " + from + " " + to);
        real.rename(from, to);
    }

    @Override
    public void delete(Path path) throws IOException {
        record("delete " + path);
        real.delete(path);
    }

    @Override
    public void mkdir(Path dir) throws IOException {
        record("mkdir " + dir);
        real.mkdir(dir);
    }
}
