package io.jdirs.tx;

import io.jdirs.ClosedException;
import io.jdirs.Type;
import io.jdirs.format.KeyCodec;
import io.jdirs.format.Names;
import io.jdirs.format.Value;
import io.jdirs.store.Entry;
import io.jdirs.store.FileLayer;
import io.jdirs.store.Listing;
import io.jdirs.store.Store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import static io.jdirs.format.Names.join;

/**
 * One open database: the store, the cache of what is known about its directories, and the commit
 * lock. Reads go through the cache; a commit compiles a transaction's changes into file operations,
 * applies them, and updates the cache with exactly what it changed.
 *
 * <p>Cache coherence within the process: {@code generation} is odd while a commit applies. A reader
 * that loaded something from disk caches it only if no commit started meanwhile, checked under
 * {@code cacheLock}, the lock commits take to bump the generation and update the cache.
 */
public final class Engine implements AutoCloseable {
    /** Directories with at most this many names are listed whole when a key in them is looked up. */
    static final int SMALL = 1024;

    private final Store store;
    private final Cache<String, CachedDir> cache;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final Object cacheLock = new Object();
    private final AtomicLong commits = new AtomicLong();
    private final long tag = new SecureRandom().nextLong() >>> 16;
    private volatile long generation;
    private volatile boolean closed;

    private Engine(Store store, long cacheSize) {
        this.store = store;
        this.cache = new Cache<>(cacheSize, CachedDir::weight);
    }

    /** Opens (or creates, see {@link Store#open}) the database at {@code root}. */
    public static Engine open(Path root, FileLayer fs, boolean adopt, long cacheSize) {
        return new Engine(Store.open(root, fs, adopt), cacheSize);
    }

    public Store store() {
        return store;
    }

    public Tx begin(boolean readOnly) {
        checkOpen();
        return new Tx(this, readOnly);
    }

    public boolean isClosed() {
        return closed;
    }

    void checkOpen() {
        if (closed) {
            throw new ClosedException(store.root().toString(), "the database is closed");
        }
    }

    @Override
    public void close() {
        commitLock.lock();
        try {
            closed = true;
            cache.clear();
        } finally {
            commitLock.unlock();
        }
    }

    // ---- reading, through the cache

    /** The entries of a directory as they are on disk now. */
    Listing listing(String dir) {
        CachedDir cd = cache.get(dir);
        Listing l = cd == null ? null : cd.listing;
        return l != null ? l : load(dir, () -> store.listing(dir), (c, listing) -> c.listing = listing);
    }

    /** The value of a file entry of a directory; null if the file has gone since it was listed. */
    Value value(String dir, Entry e) {
        CachedDir cd = cache.get(dir);
        Value v = cd == null ? null : cd.values.get(e.name());
        if (v != null) {
            return v;
        }
        v = load(dir, () -> {
            byte[] content = store.read(join(dir, e.name()));
            return content == null ? null : new Value(e.type(), content);
        }, (c, value) -> {
            if (value != null) {
                c.values.put(e.name(), value);
            }
        });
        if (v == null) {
            cache.remove(dir); // listed but gone: the listing is stale
        }
        return v;
    }

    /** Whether a directory exists. */
    boolean isDirectory(String dir) {
        CachedDir cd = cache.get(dir);
        Listing l = cd == null ? null : cd.listing;
        return l != null ? l.exists() : store.kind(dir) == FileLayer.Kind.DIRECTORY;
    }

    /**
     * The entry of a key in a directory on disk, or null. A directory of up to {@link #SMALL} names is
     * listed (and cached); in a larger one a child node is found with a stat of its name, and the fold
     * index tells when there is nothing under the key, so a million-entry directory is never listed
     * to create or find one node.
     */
    Entry diskEntry(String dir, String key) {
        Object known = known(dir);
        if (known instanceof Listing l) {
            return l.get(key);
        }
        String name = Names.node(key);
        if (store.kind(join(dir, name)) == FileLayer.Kind.DIRECTORY) {
            return new Entry(key, name, Type.NODE, null);
        }
        return ((FoldIndex) known).mayContain(KeyCodec.fold(key)) ? listing(dir).get(key) : null;
    }

    /** The keys of a directory, other than {@code key}, that fold to the same form. */
    List<String> foldCollisions(String dir, String key) {
        String fold = KeyCodec.fold(key);
        if (!folds(dir).mayContain(fold)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Entry e : listing(dir).entries()) {
            if (!e.key().equals(key) && KeyCodec.fold(e.key()).equals(fold)) {
                out.add(e.key());
            }
        }
        return out;
    }

    /** A directory's fold index: cached, else made from its cached listing, else from its names. */
    private FoldIndex folds(String dir) {
        CachedDir cd = cache.get(dir);
        FoldIndex f = cd == null ? null : cd.folds;
        if (f != null) {
            return f;
        }
        Listing l = cd == null ? null : cd.listing;
        return load(dir, () -> l != null ? FoldIndex.of(l) : FoldIndex.ofNames(store.names(dir)), (c, index) -> c.folds = index);
    }

    /** What is cached of a directory: its listing, else its fold index; reads one of them if neither. */
    private Object known(String dir) {
        CachedDir cd = cache.get(dir);
        if (cd != null) {
            Listing l = cd.listing;
            if (l != null) {
                return l;
            }
            FoldIndex f = cd.folds;
            if (f != null) {
                return f;
            }
        }
        return load(dir, () -> {
            List<String> names = store.names(dir);
            if (names == null) {
                return Listing.MISSING;
            }
            return names.size() <= SMALL ? store.listing(dir, names) : FoldIndex.ofNames(names);
        }, (c, o) -> {
            if (o instanceof Listing l) {
                c.listing = l;
            } else {
                c.folds = (FoldIndex) o;
            }
        });
    }

    private <T> T load(String dir, Supplier<T> loader, java.util.function.BiConsumer<CachedDir, T> install) {
        long g = generation;
        T t = loader.get();
        if ((g & 1) == 0) {
            synchronized (cacheLock) {
                if (generation == g && !closed) {
                    CachedDir cd = cache.get(dir);
                    if (cd == null) {
                        cd = new CachedDir();
                    }
                    install.accept(cd, t);
                    cache.put(dir, cd);
                }
            }
        }
        return t;
    }

    // ---- committing

    void commit(NodeState root) {
        commitLock.lock();
        try {
            checkOpen();
            List<Commit.Op> ops = Commit.compile(this, root);
            if (ops.isEmpty()) {
                return;
            }
            synchronized (cacheLock) {
                generation++;
            }
            boolean applied = false;
            try {
                Commit.apply(store, ops, Long.toHexString(tag) + "-" + commits.incrementAndGet());
                applied = true;
            } finally {
                synchronized (cacheLock) {
                    if (applied) {
                        update(ops);
                    } else {
                        cache.clear();
                    }
                    generation++;
                }
            }
        } finally {
            commitLock.unlock();
        }
    }

    /** Brings the cache up to date with operations just applied. Called under cacheLock. */
    private void update(List<Commit.Op> ops) {
        for (Commit.Op op : ops) {
            if (op instanceof Commit.Stage s) {
                dropTree(join(s.dir(), s.name()));
                edit(s.dir(), l -> l.without(s.name()), s.name(), null);
            } else if (op instanceof Commit.Delete d) {
                CachedDir cd = cache.get(d.dir());
                if (cd != null) {
                    cd.values.remove(d.name());
                }
                edit(d.dir(), l -> l.without(d.name()), d.name(), null);
            } else if (op instanceof Commit.Write w) {
                Entry e = Listing.entry(w.name(), FileLayer.Kind.FILE);
                CachedDir cd = cache.get(w.dir());
                if (cd != null) {
                    cd.values.put(w.name(), w.value());
                }
                edit(w.dir(), l -> l.with(e), null, w.created() ? w.name() : null);
            } else if (op instanceof Commit.Mkdir m) {
                Entry e = Listing.entry(m.name(), FileLayer.Kind.DIRECTORY);
                edit(m.dir(), l -> l.with(e), null, m.name());
                CachedDir fresh = new CachedDir();
                fresh.listing = Listing.EMPTY;
                cache.put(join(m.dir(), m.name()), fresh);
            } else if (op instanceof Commit.Place p) {
                Entry e = Listing.entry(p.name(), FileLayer.Kind.DIRECTORY);
                dropTree(join(p.dir(), p.name()));
                edit(p.dir(), l -> l.with(e), null, p.name());
            }
        }
    }

    /**
     * Applies a change to what is cached of a directory: the listing of a small directory is updated,
     * that of a large one dropped (copying it for every change would cost its size each time); the
     * fold index loses the removed name and gains the added one.
     */
    private void edit(String dir, UnaryOperator<Listing> change, String removed, String added) {
        CachedDir cd = cache.get(dir);
        if (cd == null) {
            return;
        }
        Listing l = cd.listing;
        if (l != null && l.size() >= SMALL) {
            if (cd.folds == null) {
                cd.folds = FoldIndex.of(l);
            }
            cd.listing = null;
        } else if (l != null) {
            cd.listing = change.apply(l);
        }
        FoldIndex f = cd.folds;
        if (f != null) {
            if (removed != null) {
                f.removeName(removed);
            }
            if (added != null) {
                f.addName(added);
            }
        }
        cache.put(dir, cd);
    }

    private void dropTree(String dir) {
        String prefix = dir + "/";
        cache.removeIf(k -> k.equals(dir) || k.startsWith(prefix));
    }

    /** What the cache knows about one directory: its listing, its fold index, file values. */
    static final class CachedDir {
        volatile Listing listing;
        volatile FoldIndex folds;
        final ConcurrentHashMap<String, Value> values = new ConcurrentHashMap<>();

        long weight() {
            long w = 96;
            Listing l = listing;
            FoldIndex f = folds;
            if (l != null) {
                w += l.weight();
            }
            if (f != null) {
                w += f.weight();
            }
            for (Value v : values.values()) {
                w += 64 + v.bytes().length;
            }
            return w;
        }
    }
}
