package io.jdirs.tx;

import io.jdirs.ClosedException;
import io.jdirs.StorageException;
import io.jdirs.Type;
import io.jdirs.format.KeyCodec;
import io.jdirs.format.Names;
import io.jdirs.format.Value;
import io.jdirs.index.IndexDef;
import io.jdirs.journal.ChangeLog;
import io.jdirs.journal.Op;
import io.jdirs.journal.Record;
import io.jdirs.store.Entry;
import io.jdirs.store.FileLayer;
import io.jdirs.store.Listing;
import io.jdirs.store.Store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import static io.jdirs.format.Names.join;

/**
 * One open database in this process (one per directory: opening it again shares the engine): the
 * store, the cache, what this process knows of recent commits, and the {@link Committer}.
 *
 * <p>Snapshots: a transaction reads the database as of sequence number {@code visible} when it
 * began. Every commit, this process's or another's, is entered in the {@link ChangeIndex} before it
 * touches a file; after each read, a transaction checks that nothing it read changed after its
 * snapshot, and fails with a {@code ConflictException} otherwise (the read and write helpers run it
 * again). Commits of other processes are learned from the change log when the shared memory shows
 * them ({@link #catchUp}), which also drops what they changed from the cache.
 *
 * <p>The cache keeps data only if no commit was in flight while it was read from disk (checked under
 * {@code cacheLock}), so it never holds data a later commit has changed.
 */
public final class Engine {
    /** Directories with at most this many names keep a listing that commits update (larger ones drop it). */
    static final int SMALL = 1024;
    /**
     * Directories up to this size on disk (some 1,000 short names on ext4 or tmpfs) are listed whole
     * when a key in them is looked up; in larger ones a node is found by a stat of its name.
     */
    static final long SMALL_BYTES = 16 << 10;
    private static final Map<Path, Engine> OPEN = new HashMap<>();

    final Store store;
    final Settings settings;
    final Coordinator coordinator;
    final ChangeLog changes;
    final ChangeIndex index;
    final Committer committer;
    final Overlay overlay = new Overlay();
    private final Path key;
    private final long revalidateNanos;
    private final Cache<CachedDir> cache;
    private final Object cacheLock = new Object();
    private final Object catchUpLock = new Object();
    private final TreeMap<Long, Integer> snapshots = new TreeMap<>();
    private final Map<String, IndexState> indexStates = new ConcurrentHashMap<>();
    /** The index definitions last read, and the listing of {@code .jdirs/indexes} they were read with. */
    volatile Object[] indexDefs;
    private volatile long visible;
    private volatile long indexed;
    private volatile boolean closed;
    private int refs = 1;

    private Engine(Path key, Store store, Settings settings, Coordinator coordinator) {
        this.key = key;
        this.store = store;
        this.settings = settings;
        this.coordinator = coordinator;
        this.changes = new ChangeLog(store);
        this.cache = new Cache<>(settings.cacheSize(), CachedDir::weight);
        this.revalidateNanos = settings.revalidateAfter() * 1_000_000;
        long start = coordinator.valid() ? coordinator.published() : 0;
        this.index = new ChangeIndex(start);
        this.visible = start;
        this.indexed = start;
        this.committer = new Committer(this);
    }

    /**
     * Opens the database at {@code root}, or shares the engine this process already has open there.
     * A process alone with the database first recovers what a crash may have left.
     */
    public static Engine open(Path root, FileLayer fs, boolean adopt, Settings settings) {
        synchronized (OPEN) {
            Path key = canonical(root);
            Engine e = OPEN.get(key);
            if (e != null) {
                if (adopt) {
                    throw new io.jdirs.JdirsException(key.toString(), "is a jdirs database already");
                }
                if (!e.settings.equals(settings) || e.store.files() != fs) {
                    throw new IllegalStateException(key + " is already open in this process with other options; "
                            + "close it first, or open it with the same options");
                }
                e.refs++;
                return e;
            }
            Store store = Store.open(root, fs, adopt);
            Coordinator coordinator = Coordinator.open(store.root(), settings.lockTimeout());
            try {
                e = new Engine(key, store, settings, coordinator);
                if (coordinator.alone()) {
                    e.committer.recoverAlone();
                }
                coordinator.share();
            } catch (RuntimeException ex) {
                coordinator.close();
                throw ex;
            }
            OPEN.put(key, e);
            return e;
        }
    }

    private static Path canonical(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        try {
            return Files.exists(abs) ? abs.toRealPath() : abs;
        } catch (IOException e) {
            return abs;
        }
    }

    public Store store() {
        return store;
    }

    public Settings settings() {
        return settings;
    }

    /** Releases one opening; the last one writes pending commits, and closes. */
    public void close() {
        synchronized (OPEN) {
            if (closed || --refs > 0) {
                return;
            }
            try {
                committer.close();
            } finally {
                shutDown();
            }
        }
    }

    /**
     * Drops the engine as a killed process would: nothing pending is written, locks are released. For
     * tests of crash recovery.
     */
    public void crash() {
        synchronized (OPEN) {
            if (!closed) {
                committer.abandon();
                shutDown();
            }
        }
    }

    private void shutDown() {
        closed = true;
        OPEN.remove(key, this);
        cache.clear();
        coordinator.close();
    }

    public boolean isClosed() {
        return closed;
    }

    void checkOpen() {
        if (closed) {
            throw new ClosedException(store.root().toString(), "the database is closed");
        }
        committer.checkUsable();
    }

    // ---- transactions and snapshots

    public Tx begin(boolean readOnly) {
        checkOpen();
        catchUp();
        return new Tx(this, readOnly, snapshot(), false);
    }

    /**
     * Begins a transaction that holds the database's locks until it ends: no other transaction commits
     * meanwhile, in this process or another, so it cannot conflict. For transactions that conflicted
     * too often; it must end in the thread that began it.
     */
    public Tx beginExclusive(boolean readOnly) {
        checkOpen();
        committer.lockExclusive();
        try {
            return new Tx(this, readOnly, snapshot(), true);
        } catch (RuntimeException e) {
            committer.unlockExclusive();
            throw e;
        }
    }

    private long snapshot() {
        synchronized (snapshots) {
            long s = visible;
            snapshots.merge(s, 1, Integer::sum);
            return s;
        }
    }

    void end(Tx tx) {
        try {
            release(tx.snapshot());
        } finally {
            if (tx.isExclusive()) {
                committer.unlockExclusive();
            }
        }
    }

    /** A transaction is over: its snapshot no longer needs the commits after it. */
    private void release(long snapshot) {
        long oldest;
        synchronized (snapshots) {
            snapshots.computeIfPresent(snapshot, (k, n) -> n == 1 ? null : n - 1);
            oldest = snapshots.isEmpty() ? visible : snapshots.firstKey();
        }
        if (index.size() > 4096) {
            index.forget(oldest);
        }
    }

    /** Whether anything a transaction at {@code snapshot} could read under {@code dir}/{@code key} (null: its listing) changed since. */
    boolean changed(long snapshot, String dir, String key) {
        if (indexed == snapshot && coordinator.applying() == snapshot) {
            return false;
        }
        if (coordinator.applying() > indexed) {
            catchUp();
        }
        return index.changed(snapshot, dir, key == null ? null : KeyCodec.fold(key));
    }

    long visible() {
        return visible;
    }

    /**
     * After a conflict: waits until the commits known now are published, so that a new snapshot sees
     * them, rather than running into them again. A commit that stays unpublished for long may belong to
     * a dead process: then this process takes over and finishes it from the journal.
     */
    public void settle() {
        long target = Math.max(indexed, coordinator.applying());
        long start = System.nanoTime();
        long timeout = settings.lockTimeout() * 1_000_000;
        long pause = 50_000;
        while (visible < target && !closed) {
            catchUp();
            if (visible >= target) {
                return;
            }
            long waited = System.nanoTime() - start;
            if (waited > timeout) {
                return; // the retry will tell
            }
            if (waited > 200_000_000) {
                committer.helpRecover();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 5_000_000);
        }
    }

    /**
     * Learns the commits of other processes that the shared memory announces: enters them in the index
     * and drops what they changed from the cache, before any new snapshot can include them.
     */
    void catchUp() {
        if (coordinator.applying() <= indexed) {
            advanceVisible();
            return;
        }
        synchronized (catchUpLock) {
            long target = coordinator.applying();
            if (target > indexed) {
                List<ChangeLog.Commit> commits = changes.read(indexed, target);
                synchronized (cacheLock) {
                    long last = indexed;
                    java.util.Set<String> dirs = new java.util.LinkedHashSet<>();
                    for (ChangeLog.Commit c : commits) {
                        index.add(c.seq(), c.changes());
                        for (ChangeLog.Change ch : c.changes()) {
                            int slash = ch.path().lastIndexOf('/');
                            String dir = slash < 0 ? "" : ch.path().substring(0, slash);
                            forget(ch.kind(), dir, ch.path().substring(slash + 1));
                            dirs.add(dir);
                        }
                        last = c.seq();
                    }
                    restamp(dirs);
                    if (last < target) {
                        // the change log does not have them all (pruned, or removed by hand): forget everything
                        cache.clear();
                        index.forget(target);
                    }
                    indexed = target;
                }
            }
        }
        advanceVisible();
    }

    private void advanceVisible() {
        long p = coordinator.published();
        if (p > visible && p <= indexed) {
            synchronized (snapshots) {
                if (p > visible) {
                    visible = p;
                }
            }
        }
    }

    /**
     * Enters this process's commit in the index, before any of it reaches a file. With relaxed
     * durability it is visible from now on, through the overlay.
     */
    void announce(Record r) {
        synchronized (catchUpLock) {
            index.add(r.seq(), changesOf(r));
            indexed = Math.max(indexed, r.seq());
        }
        if (r.isStructural()) {
            return; // applied before the locks go
        }
        if (!settings.durable()) {
            overlay.add(r.seq(), r.ops());
            synchronized (snapshots) {
                visible = Math.max(visible, r.seq());
            }
        } else {
            // the next commit's index changes start from these (snapshots still see them as changed)
            List<Op> index = new ArrayList<>();
            for (Op op : r.ops()) {
                if (op.dir().startsWith(IndexDef.DIR)) {
                    index.add(op);
                }
            }
            if (!index.isEmpty()) {
                overlay.add(r.seq(), index);
            }
        }
    }

    /**
     * The newest content of a file (database-relative): what the commits appended so far left in it,
     * whether or not they are applied yet; null if there is no such file. For index files, read while
     * committing.
     */
    Value latest(String path) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash);
        String name = path.substring(slash + 1);
        Entry e = diskEntry(dir, Names.file(name).key());
        if (e == null || e.isNode() || !e.name().equals(name)) {
            return null;
        }
        Loaded l = value(dir, e);
        return l == null ? null : l.value();
    }

    /**
     * What this process knows of an index (by name): whether it may be used ({@code checked}), whether
     * a transaction of its own should repair it or record a new check time ({@code work}), and, for one
     * that could not be repaired, why ({@code problem}; it is not used again until the database is
     * opened anew).
     */
    public record IndexState(boolean checked, boolean work, String problem) {
        public static final IndexState CHECKED = new IndexState(true, false, null);
        /** Matches the files, but checking it was costly: record the time of this check. */
        public static final IndexState REFRESH = new IndexState(true, true, null);
        public static final IndexState TO_REPAIR = new IndexState(false, true, null);
    }

    public Map<String, IndexState> indexStates() {
        return indexStates;
    }

    /**
     * This process's commits are applied: the cache learns their values, new snapshots include them,
     * and the overlay forgets them (after the cache learned them, so that a reader finds them in one
     * or the other).
     */
    void applied(List<Record> records) {
        synchronized (cacheLock) {
            java.util.Set<String> dirs = new java.util.LinkedHashSet<>();
            for (Record r : records) {
                for (Op op : r.ops()) {
                    learn(op);
                    dirs.add(op.dir());
                }
            }
            restamp(dirs);
        }
        long last = records.get(records.size() - 1).seq();
        synchronized (snapshots) {
            if (last > visible) {
                visible = last;
            }
        }
        if (!overlay.isEmpty()) {
            overlay.applied(last);
        }
    }

    /** After a recovery replayed commits: nothing cached can be trusted, the snapshot moves to {@code seq}. */
    void recovered(List<Record> replayed, long seq) {
        synchronized (catchUpLock) {
            synchronized (cacheLock) {
                for (Record r : replayed) {
                    if (r.kind() == Record.Kind.COMMIT && r.seq() > indexed) {
                        index.add(r.seq(), changesOf(r));
                    }
                }
                cache.clear();
                indexed = Math.max(indexed, seq);
            }
        }
        synchronized (snapshots) {
            visible = Math.max(visible, seq);
        }
    }

    static List<ChangeLog.Change> changesOf(Record r) {
        List<ChangeLog.Change> out = new ArrayList<>(r.ops().size());
        for (Op op : r.ops()) {
            out.add(new ChangeLog.Change(op.kind(), op.path()));
        }
        return out;
    }

    // ---- reading, through the cache

    /** A value, with the stat of its file when read (null: not yet checked), and whether it is pending. */
    public record Loaded(Value value, FileLayer.Stat stamp, boolean pending) {
    }

    /**
     * The entries of a directory as the newest commits left them. The listing carries the directory's
     * stat when it comes from the files alone (not changed by the overlay).
     */
    Listing listing(String dir) {
        if (!overlay.isEmpty()) {
            Overlay.Dir pending = overlay.dir(dir);
            return pending.merge(pending.state() == null ? diskListing(dir) : Listing.EMPTY);
        }
        return diskListing(dir);
    }

    private Listing diskListing(String dir) {
        CachedDir cd = cached(dir);
        Listing l = cd == null ? null : cd.listing;
        return l != null ? l : load(dir, () -> store.listing(dir), (c, listing) -> c.listing = listing);
    }

    /** The value of a file entry of a directory; null if the file has gone since it was listed. */
    Loaded value(String dir, Entry e) {
        if (!overlay.isEmpty()) {
            Value pending = overlay.dir(dir).value(e.name());
            if (pending != null) {
                return new Loaded(pending, null, true);
            }
        }
        CachedDir cd = cached(dir);
        Loaded v = cd == null ? null : cd.values.get(e.name());
        if (v != null) {
            return v;
        }
        v = load(dir, () -> {
            String path = join(dir, e.name());
            Listing listed = cd == null ? null : cd.listing;
            FileLayer.Stat seen = listed == null ? null : listed.stat(e.name()); // the stat the listing took
            FileLayer.Stat stamp = trusted(seen != null ? seen : store.stat(path));
            byte[] content = store.read(path);
            return content == null ? null : new Loaded(new Value(e.type(), content), stamp, false);
        }, (c, loaded) -> {
            if (loaded != null) {
                c.values.put(e.name(), loaded);
            }
        });
        if (v == null) {
            cache.remove(dir); // listed but gone: the listing is stale
        }
        return v;
    }

    /**
     * Gives the keys of a directory's child nodes, as the newest commits left them, to {@code visitor}
     * until it returns false (then returns false). A cached listing is used if there is one; otherwise the
     * names are streamed from disk, each node found by its own (cached) listing, so that a folder of any
     * size is visited without holding its names.
     */
    boolean forEachNode(String dir, Predicate<String> visitor) {
        Overlay.Dir pending = overlay.isEmpty() ? null : overlay.dir(dir);
        CachedDir cd = cached(dir);
        if ((pending != null && pending.state() != null) || (cd != null && cd.listing != null)) {
            for (Entry e : listing(dir).entries()) {
                if (e.isNode() && !visitor.test(e.key())) {
                    return false;
                }
            }
            return true;
        }
        boolean[] go = {true};
        store.forEachName(dir, name -> {
            if (KeyCodec.isIgnored(name) || (pending != null && pending.effects().containsKey(name))) {
                return true;
            }
            Entry e = Listing.entry(name, FileLayer.Kind.DIRECTORY);
            if (e == null || !diskListing(join(dir, name)).exists()) {
                return true; // not a node's name, or a file
            }
            return go[0] = visitor.test(e.key());
        });
        if (go[0] && pending != null) {
            for (Entry e : pending.merge(Listing.EMPTY).entries()) {
                if (e.isNode() && !visitor.test(e.key())) {
                    return false;
                }
            }
        }
        return go[0];
    }

    /** Whether a directory exists. */
    boolean isDirectory(String dir) {
        if (!overlay.isEmpty()) {
            Boolean state = overlay.dir(dir).state();
            if (state != null) {
                return state;
            }
        }
        CachedDir cd = cached(dir);
        Listing l = cd == null ? null : cd.listing;
        return l != null ? l.exists() : store.kind(dir) == FileLayer.Kind.DIRECTORY;
    }

    /**
     * The entry of a key in a directory, or null. A directory of up to {@link #SMALL} names is listed
     * (and cached); in a larger one a child node is found with a stat of its name, and the fold index
     * tells when there is nothing under the key, so a million-entry directory is never listed to
     * create or find one node.
     */
    Entry diskEntry(String dir, String key) {
        if (!overlay.isEmpty()) {
            Overlay.Dir pending = overlay.dir(dir);
            return pending.entry(key, pending.state() == null ? diskOnly(dir, key) : null);
        }
        return diskOnly(dir, key);
    }

    private Entry diskOnly(String dir, String key) {
        CachedDir cd = cached(dir);
        Listing l = cd == null ? null : cd.listing;
        if (l != null) {
            return l.get(key);
        }
        if (cd == null || (cd.folds == null && !cd.large)) {
            Listing small = smallListing(dir);
            if (small != null) {
                return small.get(key);
            }
        }
        String name = Names.node(key);
        if (store.kind(join(dir, name)) == FileLayer.Kind.DIRECTORY) {
            return new Entry(key, name, Type.NODE, null);
        }
        return folds(dir).mayContain(KeyCodec.fold(key)) ? diskListing(dir).get(key) : null;
    }

    /**
     * The listing of a directory whose size on disk says it is small, read and cached; null for a large
     * one (marked so in the cache), whose names are not read to find one key.
     */
    private Listing smallListing(String dir) {
        return load(dir, () -> {
            FileLayer.Stat stamp = store.stat(dir);
            if (stamp.kind() == FileLayer.Kind.DIRECTORY && stamp.size() > SMALL_BYTES) {
                return null;
            }
            return store.listing(dir, stamp, stamp.kind() == FileLayer.Kind.DIRECTORY ? store.names(dir) : null);
        }, (c, listing) -> {
            if (listing != null) {
                c.listing = listing;
            } else {
                c.large = true;
            }
        });
    }

    /** The keys of a directory, other than {@code key}, that fold to the same form. */
    List<String> foldCollisions(String dir, String key) {
        String fold = KeyCodec.fold(key);
        Overlay.Dir pending = overlay.isEmpty() ? null : overlay.dir(dir);
        List<Entry> candidates = new ArrayList<>();
        if ((pending == null || pending.state() == null) && folds(dir).mayContain(fold)) {
            candidates.addAll(diskListing(dir).entries());
        }
        if (pending != null) {
            candidates.removeIf(e -> pending.removed(e.name()));
            candidates.addAll(pending.merge(Listing.EMPTY).entries());
        }
        List<String> out = new ArrayList<>();
        for (Entry e : candidates) {
            if (!e.key().equals(key) && KeyCodec.fold(e.key()).equals(fold) && !out.contains(e.key())) {
                out.add(e.key());
            }
        }
        return out;
    }

    /** A directory's fold index: cached, else made from its cached listing, else from its names. */
    private FoldIndex folds(String dir) {
        CachedDir cd = cached(dir);
        FoldIndex f = cd == null ? null : cd.folds;
        if (f != null) {
            return f;
        }
        Listing l = cd == null ? null : cd.listing;
        if (l != null) {
            return load(dir, () -> FoldIndex.of(l), (c, index) -> {
                c.folds = index;
                c.foldsStamp = l.stamp();
            });
        }
        Object[] made = load(dir, () -> {
            FileLayer.Stat stamp = store.stat(dir);
            return new Object[] {FoldIndex.ofNames(store.names(dir)), stamp};
        }, (c, o) -> {
            c.folds = (FoldIndex) o[0];
            c.foldsStamp = (FileLayer.Stat) o[1];
        });
        return (FoldIndex) made[0];
    }

    /**
     * The cached state of a directory, checked against the files first if it is older than
     * {@code revalidateAfter}: whatever no longer matches its stat (a hand edit) is dropped.
     */
    private CachedDir cached(String dir) {
        CachedDir cd = cache.get(dir);
        if (cd != null && System.nanoTime() - cd.checkedAt >= revalidateNanos) {
            revalidate(dir, cd);
        }
        return cd;
    }

    private void revalidate(String dir, CachedDir cd) {
        synchronized (cacheLock) {
            if (System.nanoTime() - cd.checkedAt < revalidateNanos) {
                return; // another thread just did it
            }
            FileLayer.Stat now = store.stat(dir);
            Listing l = cd.listing;
            if (l != null && !now.equals(l.stamp())) {
                cd.listing = null;
            }
            if (cd.folds != null && !now.equals(cd.foldsStamp)) {
                cd.folds = null;
                cd.foldsStamp = null;
            }
            for (Map.Entry<String, Loaded> e : cd.values.entrySet()) {
                String path = join(dir, e.getKey());
                Loaded v = e.getValue();
                FileLayer.Stat stat = store.stat(path);
                if (v.stamp() == null) { // written by this process: check the content once
                    byte[] content = stat.kind() == FileLayer.Kind.FILE ? store.read(path) : null;
                    if (content != null && java.util.Arrays.equals(content, v.value().bytes())) {
                        cd.values.put(e.getKey(), new Loaded(v.value(), trusted(stat), false));
                    } else {
                        cd.values.remove(e.getKey());
                    }
                } else if (!v.stamp().equals(stat)) {
                    cd.values.remove(e.getKey());
                }
            }
            cd.checkedAt = System.nanoTime();
            cache.put(dir, cd);
        }
    }

    /**
     * A file's stat, or null if it is too recent to tell a later change by (a file changed twice within
     * one tick of the file system's clock keeps its stat): such a file is checked by its content.
     */
    private static FileLayer.Stat trusted(FileLayer.Stat stat) {
        long age = System.currentTimeMillis() * 1_000_000L - stat.modified();
        return age < RACY_NANOS ? null : stat;
    }

    private static final long RACY_NANOS = 2_000_000_000L;

    /** Forgets what is cached of a directory (found changed on disk). */
    void dropDir(String dir) {
        synchronized (cacheLock) {
            cache.remove(dir);
        }
    }

    /**
     * Reads something from disk, and caches it if no commit was being applied meanwhile (by this process
     * or another, as the shared memory shows) and none this process does not know of was published; a
     * commit caught mid-way is left to the reader's snapshot check. (Commits appended but not applied do
     * not touch the files: the overlay shows them.)
     */
    private <T> T load(String dir, Supplier<T> loader, BiConsumer<CachedDir, T> install) {
        long published = coordinator.published();
        boolean quiet = coordinator.applying() == published && published <= indexed;
        T t = loader.get();
        if (quiet && coordinator.applying() == published && coordinator.published() == published) {
            synchronized (cacheLock) {
                if (coordinator.published() == published && coordinator.applying() == published && !closed) {
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

    // ---- keeping the cache current

    /** Learns an operation this process applied: values are cached as written. Called under cacheLock. */
    private void learn(Op op) {
        if (op instanceof Op.Write w) {
            CachedDir cd = cache.get(w.dir());
            if (cd != null) {
                cd.values.put(w.name(), new Loaded(w.value(), null, false));
            }
            Entry e = Listing.entry(w.name(), FileLayer.Kind.FILE);
            edit(w.dir(), l -> l.with(e), null, w.created() ? w.name() : null);
        } else if (op instanceof Op.Mkdir m) {
            forget("mkdir", m.dir(), m.name());
            CachedDir fresh = new CachedDir();
            fresh.listing = Listing.EMPTY;
            cache.put(m.path(), fresh);
        } else {
            forget(op.kind(), op.dir(), op.name());
        }
    }

    /**
     * After jdirs changed directories, their stats change: record the new ones, so that revalidation
     * does not take jdirs' own changes for hand edits. Called under cacheLock.
     */
    private void restamp(java.util.Set<String> dirs) {
        for (String dir : dirs) {
            CachedDir cd = cache.get(dir);
            if (cd == null) {
                continue;
            }
            FileLayer.Stat now = store.stat(dir);
            Listing l = cd.listing;
            if (l != null && l.exists()) {
                cd.listing = l.withStamp(now);
            }
            if (cd.folds != null) {
                cd.foldsStamp = now;
            }
        }
    }

    /** Forgets what a change makes stale. Called under cacheLock. */
    private void forget(String kind, String dir, String name) {
        switch (kind) {
            case "create", "write" -> {
                CachedDir cd = cache.get(dir);
                if (cd != null) {
                    cd.values.remove(name);
                }
                Entry e = Listing.entry(name, FileLayer.Kind.FILE);
                edit(dir, l -> l.with(e), null, kind.equals("create") ? name : null);
            }
            case "delete" -> {
                CachedDir cd = cache.get(dir);
                if (cd != null) {
                    cd.values.remove(name);
                }
                edit(dir, l -> l.without(name), name, null);
            }
            case "mkdir", "moveto" -> {
                Entry e = Listing.entry(name, FileLayer.Kind.DIRECTORY);
                if (kind.equals("mkdir")) {
                    cache.remove(join(dir, name)); // a new, empty directory: what is cached under it is still true
                } else {
                    dropTree(join(dir, name));
                }
                edit(dir, l -> l.with(e), null, name);
            }
            default -> { // rmtree, movefrom
                dropTree(join(dir, name));
                edit(dir, l -> l.without(name), name, null);
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
            cd.listing = l.exists() ? change.apply(l) : null;
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
        cache.removeTree(dir);
    }

    /** Drops everything cached (after a failure left the files in doubt). */
    void dropCache() {
        synchronized (cacheLock) {
            cache.clear();
        }
    }

    /** What the cache knows about one directory: its listing, its fold index, file values. */
    static final class CachedDir {
        volatile Listing listing;
        volatile FoldIndex folds;
        volatile FileLayer.Stat foldsStamp;
        volatile boolean large; // too large on disk to be listed to find a key
        volatile long checkedAt = System.nanoTime();
        final ConcurrentHashMap<String, Loaded> values = new ConcurrentHashMap<>();

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
            for (Loaded v : values.values()) {
                w += 96 + v.value().bytes().length;
            }
            return w;
        }
    }

    static StorageException unusable(String root, Throwable cause) {
        return new StorageException(root, "a failed write left this process unable to continue; close the database and "
                + "open it again to recover (" + cause.getMessage() + ")", cause instanceof IOException io ? io : null);
    }
}
