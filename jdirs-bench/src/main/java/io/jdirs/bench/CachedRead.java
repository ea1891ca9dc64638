package io.jdirs.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Path;

/**
 * JMH: the same user read again and again from one open store (jdirs serves it from its cache; SQLite
 * runs its prepared statement; MVStore gets the row from its page cache; the JSON files are read and
 * parsed each time). {@link Bench} runs it with the store's loaded directory as a parameter.
 */
@State(Scope.Benchmark)
public class CachedRead {
    @Param("jdirs")
    public String peer;
    @Param("")
    public String dir;
    @Param("1000")
    public int size;

    private Store store;
    private String id;

    @Setup
    public void open() {
        store = Peer.named(peer).open(Path.of(dir));
        id = Workload.id(size / 2);
        if (!Workload.user(size / 2).name().equals(store.read(id).name())) {
            throw new IllegalStateException(peer + " read another user for " + id);
        }
    }

    @Benchmark
    public User read() {
        return store.read(id);
    }

    @TearDown
    public void close() {
        store.close();
    }
}
