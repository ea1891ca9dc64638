package io.jdirs.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A file layer that records every operation, to prove what reaches the disk (and what does not). */
public final class CountingFileLayer implements FileLayer {
    private final FileLayer real = NioFileLayer.INSTANCE;
    private final List<String> ops = Collections.synchronizedList(new ArrayList<>());

    /** The operations since the last reset, as "op path". */
    public List<String> ops() {
        synchronized (ops) {
            return List.copyOf(ops);
        }
    }

    public void reset() {
        ops.clear();
    }

    public long count(String op) {
        return ops().stream().filter(o -> o.startsWith(op + " ")).count();
    }

    @Override
    public List<String> names(Path dir) throws IOException {
        ops.add("names " + dir);
        return real.names(dir);
    }

    @Override
    public Stat stat(Path path) throws IOException {
        ops.add("stat " + path);
        return real.stat(path);
    }

    @Override
    public byte[] read(Path file, long offset) throws IOException {
        ops.add("read " + file + " @" + offset);
        return real.read(file, offset);
    }

    @Override
    public void append(Path file, byte[] data) throws IOException {
        ops.add("append " + file);
        real.append(file, data);
    }

    @Override
    public void truncate(Path file, long size) throws IOException {
        ops.add("truncate " + file);
        real.truncate(file, size);
    }

    @Override
    public byte[] read(Path file) throws IOException {
        ops.add("read " + file);
        return real.read(file);
    }

    @Override
    public void write(Path file, byte[] data) throws IOException {
        ops.add("write " + file);
        real.write(file, data);
    }

    @Override
    public void sync(Path path) throws IOException {
        ops.add("sync " + path);
        real.sync(path);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        ops.add("rename " + from + " " + to);
        real.rename(from, to);
    }

    @Override
    public void delete(Path path) throws IOException {
        ops.add("delete " + path);
        real.delete(path);
    }

    @Override
    public void mkdir(Path dir) throws IOException {
        ops.add("mkdir " + dir);
        real.mkdir(dir);
    }
}
