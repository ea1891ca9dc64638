package io.jdirs.tx;

import io.jdirs.ClosedException;
import io.jdirs.ConflictException;
import io.jdirs.InvalidDataException;
import io.jdirs.JdirsException;
import io.jdirs.Type;
import io.jdirs.format.Codec;
import io.jdirs.format.KeyCodec;
import io.jdirs.format.Names;
import io.jdirs.format.NodePath;
import io.jdirs.format.Value;
import io.jdirs.index.IndexDef;
import io.jdirs.index.IndexEntry;
import io.jdirs.index.IndexWriter;
import io.jdirs.index.Leaves;
import io.jdirs.store.Entry;
import io.jdirs.store.FileLayer;
import io.jdirs.store.Listing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static io.jdirs.format.Names.join;

/**
 * One transaction: what it reads is the database as on disk (through the cache) overlaid with its own
 * changes, which it buffers as a tree of {@link NodeState}s until {@link #commit}. Used by one thread
 * at a time.
 */
public final class Tx {
    private final Engine engine;
    private final boolean readOnly;
    private final long snapshot;
    private final boolean exclusive;
    private final Set<String> reads = new HashSet<>();
    // what was read from the files, to find hand edits at commit: a directory ("dir/") or a file's stat,
    // or the content of a file this process wrote and has not checked since
    private final Map<String, Object> stamps = new HashMap<>();
    private NodeState root;
    private IndexWriter indexWork;            // index files this transaction creates, drops or repairs
    private final Map<String, IndexDef> rebuilt = new TreeMap<>(); // indexes written anew at commit, by name
    private java.util.function.LongConsumer buildProgress;
    private boolean moved;
    private boolean active = true;

    Tx(Engine engine, boolean readOnly, long snapshot, boolean exclusive) {
        this.engine = engine;
        this.readOnly = readOnly;
        this.snapshot = snapshot;
        this.exclusive = exclusive;
    }

    /** The open database this transaction runs in. */
    public Engine engine() {
        return engine;
    }

    /** Whether this transaction holds the database's locks for its whole life (and so cannot conflict). */
    boolean isExclusive() {
        return exclusive;
    }

    /** The sequence number of the last commit this transaction sees. */
    public long snapshot() {
        return snapshot;
    }

    public boolean isActive() {
        return active;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    // ---- reading

    public boolean exists(NodePath p) {
        check();
        return exists(resolve(p));
    }

    /** The type of what a key names, or null if nothing. */
    public Type type(NodePath p, String key) {
        Located l = locate(p, key);
        return l == null ? null : l.type;
    }

    /** An attribute converted to {@code target}; null if absent. */
    public Object get(NodePath p, String key, java.lang.reflect.Type target) {
        Located l = attribute(p, key);
        Value v = l == null ? null : l.value();
        return v == null ? null : convert(v, target, l);
    }

    /** Stands for a child node in {@link #getOrNode}. */
    public static final Object NODE = new Object();

    /** An attribute converted to {@code target}, {@link #NODE} if the key names a child node, or null: one lookup. */
    public Object getOrNode(NodePath p, String key, java.lang.reflect.Type target) {
        Located l = locate(p, key);
        if (l == null) {
            return null;
        }
        if (l.type == Type.NODE) {
            return NODE;
        }
        Value v = l.value();
        return v == null ? null : convert(v, target, l);
    }

    /** Converts a value; the path for the message is made only when the conversion fails. */
    private static Object convert(Value v, java.lang.reflect.Type target, Located l) {
        try {
            return Codec.convert(v, target, null);
        } catch (InvalidDataException e) {
            return Codec.convert(v, target, l.path()); // fails again, naming the file
        }
    }

    /** An attribute as stored; null if absent. */
    public Value value(NodePath p, String key) {
        Located l = attribute(p, key);
        return l == null ? null : l.value();
    }

    /** The path of the file or directory that holds a key, as messages name it; null if absent. */
    public String pathOf(NodePath p, String key) {
        Located l = locate(p, key);
        return l == null ? null : l.path();
    }

    /** The keys of a node in code point order; empty if it does not exist. */
    public List<String> keys(NodePath p) {
        check();
        View v = resolve(p);
        Set<String> keys = new HashSet<>();
        String dir = v.diskDir();
        if (dir != null) {
            Listing listing = engine.listing(dir);
            for (Entry e : listing.entries()) {
                keys.add(e.key());
            }
            if (listing.stamp() != null && !readOnly) {
                stamps.put(dir + "/", listing.stamp());
            }
            observe(dir, null);
        }
        if (v.state != null) {
            for (Map.Entry<String, Object> c : v.state.changes.entrySet()) {
                if (c.getValue() == NodeState.REMOVED) {
                    keys.remove(c.getKey());
                } else {
                    keys.add(c.getKey());
                }
            }
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(KeyCodec::compare);
        return sorted;
    }

    /**
     * Gives the keys of a node's child nodes to {@code visitor}, in no particular order, until it returns
     * false; a folder of any size is visited without holding its listing (the changes of this transaction
     * included). Returns false if the visitor stopped.
     */
    public boolean forEachChild(NodePath p, Predicate<String> visitor) {
        check();
        View v = resolve(p);
        Map<String, Object> changes = v.state == null ? Map.of() : v.state.changes;
        String dir = v.diskDir();
        if (dir != null) {
            FileLayer.Stat stamp = readOnly ? null : engine.store.stat(dir);
            boolean go = engine.forEachNode(dir, key -> changes.containsKey(key) || visitor.test(key));
            observe(dir, null);
            if (stamp != null && stamp.kind() == FileLayer.Kind.DIRECTORY) {
                stamps.put(dir + "/", stamp);
            }
            if (!go) {
                return false;
            }
        }
        for (Map.Entry<String, Object> c : changes.entrySet()) {
            if (c.getValue() instanceof NodeState && !visitor.test(c.getKey())) {
                return false;
            }
        }
        return true;
    }

    /** Whether this transaction changed anything at or under a node (or above it: moved or removed it). */
    public boolean changedAt(NodePath p) {
        NodeState s = root;
        for (int i = 0; i < p.depth() && s != null; i++) {
            Object c = s.get(p.key(i));
            if (c == null) {
                return false;
            }
            if (!(c instanceof NodeState child) || !carried(s, p.key(i), child)) {
                return true;
            }
            s = child;
        }
        return s != null && !s.changes.isEmpty();
    }

    // ---- indexes

    /** The indexes declared in the database, as of this transaction's snapshot, by name. */
    public List<IndexDef> indexes() {
        check();
        Listing l = engine.listing(IndexDef.DIR);
        observe(IndexDef.DIR, null);
        Object[] known = engine.indexDefs; // a definition never changes: the same listing has the same ones
        if (known != null && known[0] == l) {
            @SuppressWarnings("unchecked")
            List<IndexDef> defs = (List<IndexDef>) known[1];
            return defs;
        }
        List<IndexDef> defs = new ArrayList<>();
        for (Entry e : l.entries()) {
            String dir = join(IndexDef.DIR, e.name());
            String path = Leaves.definitionPath(dir);
            Value v = e.isNode() ? indexFile(path) : null;
            if (v != null) {
                try {
                    IndexDef d = v.derive(IndexDef.class, x -> IndexDef.parse(x.bytes(), path));
                    if (d.name().equals(e.name())) {
                        defs.add(d);
                    }
                } catch (InvalidDataException | IllegalArgumentException damaged) {
                    // not used, and not maintained; Database.check reports it
                }
            }
        }
        defs.sort((a, b) -> a.name().compareTo(b.name()));
        engine.indexDefs = new Object[] {l, List.copyOf(defs)};
        return defs;
    }

    /** A file of an index (database-relative path), as of this transaction's snapshot; null if there is none. */
    public Value indexFile(String path) {
        check();
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash);
        String name = path.substring(slash + 1);
        Entry e = diskEntry(dir, Names.file(name).key());
        return e == null || e.isNode() || !e.name().equals(name) ? null : read(dir, e);
    }

    /** The index entry of a node as this transaction sees it (null if there is no such node). */
    public IndexEntry indexEntry(IndexDef def, NodePath node) {
        if (!exists(node)) {
            return null;
        }
        List<Value> values = new ArrayList<>();
        for (String a : def.attributes()) {
            Value v = null;
            try {
                Located l = locate(node, a);
                v = l == null || l.type == Type.NODE ? null : l.value();
            } catch (InvalidDataException ambiguous) {
                // indexed as missing
            }
            values.add(v);
        }
        return IndexEntry.of(values, node.key(), node.dir());
    }

    /** The entry of a node as it is on disk, in the directory {@code dir}: before this transaction's changes. */
    private IndexEntry diskIndexEntry(IndexDef def, String dir, String key) {
        Entry node = diskEntry(dir, key);
        if (node == null || !node.isNode()) {
            return null;
        }
        String nodeDir = join(dir, node.name());
        List<Value> values = new ArrayList<>();
        for (String a : def.attributes()) {
            Value v = null;
            try {
                Entry e = diskEntry(nodeDir, a);
                v = e == null || e.isNode() ? null : read(nodeDir, e);
            } catch (InvalidDataException ambiguous) {
                // indexed as missing
            }
            values.add(v);
        }
        return IndexEntry.of(values, key, nodeDir);
    }

    /** The index work of this transaction, committed with it: entries to fix, checks to record. */
    public IndexWriter indexWork() {
        checkWrite();
        if (indexWork == null) {
            indexWork = new IndexWriter();
        }
        return indexWork;
    }

    /**
     * Declares an index; it is built at commit from the folder as the transaction leaves it, telling
     * {@code progress} (may be null) the nodes read so far, every 1,000, and their total.
     */
    public void createIndex(IndexDef def, java.util.function.LongConsumer progress) {
        checkWrite();
        for (IndexDef d : indexes()) {
            if (d.name().equals(def.name())) {
                throw new JdirsException(d.dir(), d.equals(def) ? "the index " + def + " exists already"
                        : "the index " + d + " has the same name as " + def);
            }
        }
        rebuildIndex(def);
        buildProgress = progress;
    }

    /** Writes an index anew at commit, from the folder as the transaction leaves it. */
    public void rebuildIndex(IndexDef def) {
        for (String a : def.attributes()) {
            if (a.indexOf('/') >= 0) {
                throw new IllegalArgumentException("an index is on attributes of the folder's nodes; \"" + a
                        + "\" names one in a child node");
            }
        }
        indexWork();
        rebuilt.put(def.name(), def);
    }

    public boolean dropIndex(IndexDef def) {
        checkWrite();
        for (IndexDef d : indexes()) {
            if (d.equals(def)) {
                indexWork().drop(def);
                rebuilt.remove(def.name());
                return true;
            }
        }
        return false;
    }

    /**
     * What this transaction changes in indexes, computed as it commits: the indexes it builds, and the
     * entries of the nodes it changed in indexed folders (their old entries from what the transaction
     * read on disk, validated at commit, their new ones from its changes).
     */
    private IndexWriter indexChanges() {
        if (readOnly || (root == null && indexWork == null)) {
            return null;
        }
        IndexWriter w = indexWork != null ? indexWork : new IndexWriter();
        long now = System.currentTimeMillis() - RACY_MILLIS;
        for (IndexDef def : rebuilt.values()) {
            List<IndexEntry> entries = new ArrayList<>();
            NodePath folder = folderPath(def);
            forEachChild(folder, key -> {
                entries.add(indexEntry(def, folder.child(key)));
                if (buildProgress != null && entries.size() % 1000 == 0) {
                    buildProgress.accept(entries.size());
                }
                return true;
            });
            if (buildProgress != null) {
                buildProgress.accept(entries.size());
            }
            w.create(def, entries, now);
        }
        if (root != null) {
            for (IndexDef def : indexes()) {
                if (!rebuilt.containsKey(def.name())) {
                    maintain(def, w);
                }
            }
        }
        return w.isEmpty() ? null : w;
    }

    /** Files changed within this long before a check may still change unseen in the same clock tick. */
    public static final long RACY_MILLIS = 2000;

    public static NodePath folderPath(IndexDef def) {
        NodePath p = NodePath.ROOT;
        for (String key : def.folderKeys()) {
            p = p.child(key);
        }
        return p;
    }

    /** Queues the entries this transaction changes in one index. */
    private void maintain(IndexDef def, IndexWriter w) {
        NodeState s = root;
        NodePath folder = NodePath.ROOT;
        for (String key : def.folderKeys()) {
            Object c = s.get(key);
            if (c == null) {
                return; // nothing changed in the folder
            }
            boolean fresh = c instanceof NodeState child && child.base == null
                    && (s.base == null || diskEntry(s.base, key) == null);
            if (!(c instanceof NodeState child) || (!fresh && !carried(s, key, child))) {
                w.stale(def); // the folder was removed, moved or replaced: rebuilt before its next use
                return;
            }
            s = child;
            folder = folder.child(key);
        }
        for (Map.Entry<String, Object> c : s.changes.entrySet()) {
            String key = c.getKey();
            IndexEntry old = s.base == null ? null : diskIndexEntry(def, s.base, key);
            IndexEntry now = c.getValue() instanceof NodeState ? indexEntry(def, folder.child(key)) : null;
            w.update(def, old, now);
        }
    }

    /** Whether a child node stays where it is on disk (its base is its own directory under its parent's). */
    private static boolean carried(NodeState parent, String key, NodeState child) {
        return child.base != null && parent.base != null && child.base.equals(join(parent.base, Names.node(key)));
    }

    // ---- changing

    /** Stores an attribute, creating the node and its parents as needed. */
    public void put(NodePath p, String key, Value value) {
        checkWrite();
        Names.attribute(key, value.type()); // refuses a key too long with its suffix
        NodeState s = materialize(p);
        Object now = s.get(key);
        if (now instanceof NodeState) {
            throw isNode(join(p.dir(), Names.node(key)));
        }
        if (now == null && s.base != null) {
            Entry e = diskEntry(s.base, key);
            if (e == null) {
                checkNewKey(s, s.base, p, key, null);
            } else if (e.isNode()) {
                throw isNode(join(s.base, e.name()));
            } else if (e.name().equals(Names.attribute(key, value.type()))) {
                Value old = read(s.base, e);
                if (old != null && Arrays.equals(old.bytes(), value.bytes())) {
                    return; // unchanged: nothing to write
                }
            }
        } else if (now == null || now == NodeState.REMOVED) {
            checkNewKey(s, s.base, p, key, null);
        }
        s.set(key, value);
    }

    /** Removes an attribute or a child node with everything under it; false if there was nothing. */
    public boolean remove(NodePath p, String key) {
        checkWrite();
        if (locate(p, key) == null) {
            return false;
        }
        NodeState s = materialize(p);
        if (s.base == null) {
            s.unset(key);
        } else {
            s.set(key, NodeState.REMOVED);
        }
        return true;
    }

    /** Creates a node and its parents if they do not exist. */
    public void create(NodePath p) {
        checkWrite();
        materialize(p);
    }

    /**
     * Moves a node, with everything under it, to a path where nothing is; parents are created. Like
     * every change, it either happens whole or throws with the transaction unchanged.
     */
    public void move(NodePath from, NodePath to) {
        checkWrite();
        if (from.depth() == 0) {
            throw new IllegalArgumentException("the root node cannot be moved");
        }
        if (from.contains(to)) {
            throw new IllegalArgumentException("cannot move " + from + " into itself (" + to + ")");
        }
        View source = resolve(from);
        if (!exists(source)) {
            throw new JdirsException(from.dir(), "does not exist");
        }
        if (locate(to.parent(), to.key()) != null) {
            throw new JdirsException(to.dir(), "exists already");
        }
        View targetParent = resolve(to.parent());
        if (exists(targetParent)) {
            String ignore = to.parent().equals(from.parent()) ? from.key() : null;
            checkNewKey(targetParent.state, targetParent.diskDir(), to.parent(), to.key(), ignore);
        }
        NodeState target = materialize(to.parent()); // throws before changing anything, or succeeds
        NodeState moving = source.state != null ? source.state : new NodeState(source.disk);
        moved = true;
        NodeState parent = materialize(from.parent()); // exists: cannot fail
        if (parent.base == null) {
            parent.unset(from.key());
        } else {
            parent.set(from.key(), NodeState.REMOVED);
        }
        target.set(to.key(), moving);
    }

    public void commit() {
        check();
        IndexWriter index = indexChanges();
        active = false;
        NodeState changes = root;
        root = null;
        try {
            if (changes != null || index != null) {
                engine.committer.commit(this, changes, index);
            }
        } finally {
            engine.end(this);
        }
    }

    public void rollback() {
        if (active) {
            active = false;
            root = null;
            indexWork = null;
            engine.end(this);
        }
    }

    boolean hasMoves() {
        return moved;
    }

    /**
     * Checks, at commit, that nothing this transaction read (or decided a change on) was changed by a
     * commit after its snapshot; called with the writer lock held, all commits known.
     */
    void validate() {
        for (String read : reads) {
            int sep = read.indexOf('\0');
            String dir = sep < 0 ? read : read.substring(0, sep);
            String fold = sep < 0 ? null : read.substring(sep + 1);
            if (engine.index.changed(snapshot, dir, fold)) {
                throw conflict(dir);
            }
        }
        for (Map.Entry<String, Object> read : stamps.entrySet()) {
            String path = read.getKey();
            Object then = read.getValue();
            if (path.endsWith("/")) {
                String dir = path.substring(0, path.length() - 1);
                if (!engine.store.stat(dir).equals(then) && !engine.index.touched(snapshot, dir)) {
                    throw handEdit(dir, dir);
                }
            } else if (then instanceof FileLayer.Stat stat ? !engine.store.stat(path).equals(stat)
                    : !Arrays.equals(engine.store.read(path), ((Value) then).bytes())) {
                throw handEdit(path, path.substring(0, Math.max(0, path.lastIndexOf('/'))));
            }
        }
    }

    /** A file read by this transaction was changed on disk outside jdirs: its cache goes, the transaction runs again. */
    private ConflictException handEdit(String path, String dir) {
        engine.dropDir(dir);
        return new ConflictException(path, "changed on disk outside jdirs since this transaction read it (a hand edit?); "
                + "run it again");
    }

    /** Reads a file's value, recording how it was on disk for the check at commit. */
    private Value read(String dir, Entry entry) {
        Engine.Loaded loaded = engine.value(dir, entry);
        observe(dir, entry.key());
        if (loaded == null) {
            return null;
        }
        if (!loaded.pending() && !readOnly) {
            stamps.put(join(dir, entry.name()), loaded.stamp() != null ? loaded.stamp() : loaded.value());
        }
        return loaded.value();
    }

    /** Records a read of a key (null: of the listing), and fails if what was read may already be newer than the snapshot. */
    private void observe(String dir, String key) {
        if (!readOnly) { // a read-only transaction is checked as it reads, and never validated
            reads.add(key == null ? dir : ChangeIndex.entry(dir, KeyCodec.fold(key)));
        }
        if (engine.changed(snapshot, dir, key)) {
            throw conflict(dir);
        }
    }

    private static ConflictException conflict(String dir) {
        return new ConflictException(dir, "changed by another transaction after this one began; run it again");
    }

    // ---- the overlay

    /** Where a node's entries come from: its state in this transaction and/or a directory on disk. */
    private record View(NodeState state, String disk) {
        String diskDir() {
            return state != null ? state.base : disk;
        }
    }

    private static final View MISSING = new View(null, null);

    /** Where a key's entry is: in this transaction's changes ({@code value}), or on disk ({@code dir}, {@code entry}). */
    private final class Located {
        final Type type;
        private final String parent;  // the directory and name of the entry: its path, for messages
        private final String name;
        private final Value value;
        private final String dir;
        private final Entry entry;

        Located(Type type, String parent, String name, Value value, String dir, Entry entry) {
            this.type = type;
            this.parent = parent;
            this.name = name;
            this.value = value;
            this.dir = dir;
            this.entry = entry;
        }

        String path() {
            return join(parent, name);
        }

        /** The attribute's value, read on first access; null if its file has gone. */
        Value value() {
            if (value != null || entry == null) {
                return value;
            }
            return read(dir, entry);
        }
    }

    private View resolve(NodePath p) {
        if (root == null) {
            return new View(null, p.dir()); // no change in this transaction: the path's own directory
        }
        NodeState s = root;
        String disk = "";
        for (int i = 0; i < p.depth(); i++) {
            String key = p.key(i);
            if (s != null) {
                Object c = s.get(key);
                if (c instanceof NodeState child) {
                    s = child;
                    disk = child.base;
                    continue;
                }
                if (c != null) {
                    return MISSING; // an attribute, or removed
                }
                disk = s.base;
                s = null;
            }
            if (disk == null) {
                return MISSING;
            }
            disk = join(disk, Names.node(key));
        }
        return new View(s, disk);
    }

    private boolean exists(View v) {
        if (v.state != null) {
            return true;
        }
        if (v.disk == null) {
            return false;
        }
        boolean exists = engine.isDirectory(v.disk);
        if (!v.disk.isEmpty()) {
            int slash = v.disk.lastIndexOf('/');
            observe(slash < 0 ? "" : v.disk.substring(0, slash), KeyCodec.decode(v.disk.substring(slash + 1)));
        }
        return exists;
    }

    private Located locate(NodePath p, String key) {
        check();
        View v = resolve(p);
        if (v.state != null) {
            Object c = v.state.get(key);
            if (c == NodeState.REMOVED) {
                return null;
            }
            if (c instanceof Value val) {
                return new Located(val.type(), p.dir(), Names.attribute(key, val.type()), val, null, null);
            }
            if (c instanceof NodeState) {
                return new Located(Type.NODE, p.dir(), Names.node(key), null, null, null);
            }
        }
        String dir = v.diskDir();
        Entry e = dir == null ? null : diskEntry(dir, key);
        if (e == null) {
            return null;
        }
        return new Located(e.type(), dir, e.name(), null, dir, e.isNode() ? null : e);
    }

    private Located attribute(NodePath p, String key) {
        Located l = locate(p, key);
        if (l != null && l.type == Type.NODE) {
            throw new InvalidDataException(l.path(), "is a node, not an attribute");
        }
        return l;
    }

    private Entry diskEntry(String dir, String key) {
        Entry e = engine.diskEntry(dir, key);
        observe(dir, key);
        if (e != null && e.isAmbiguous()) {
            throw new InvalidDataException(join(dir, e.name()), "key " + KeyCodec.quote(key) + " is also named by "
                    + e.otherName() + "; remove one of the two");
        }
        return e;
    }

    /**
     * The state of a node for changing it, creating it (and its parents) in this transaction if needed.
     * Throws before changing anything when the path cannot hold a node.
     */
    private NodeState materialize(NodePath p) {
        NodeState top = root != null ? root : new NodeState("");
        NodeState s = top;
        NodePath at = NodePath.ROOT;
        List<NodeState> parents = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<NodeState> added = new ArrayList<>();
        for (int i = 0; i < p.depth(); i++) {
            String key = p.key(i);
            Object c = s.get(key);
            NodeState next;
            if (c instanceof NodeState child) {
                next = child;
            } else if (c instanceof Value v) {
                throw isAttribute(join(at.dir(), Names.attribute(key, v.type())));
            } else {
                Entry e = c == NodeState.REMOVED || s.base == null ? null : diskEntry(s.base, key);
                if (e != null && !e.isNode()) {
                    throw isAttribute(join(s.base, e.name()));
                }
                if (e != null) {
                    next = new NodeState(join(s.base, e.name()));
                } else {
                    checkNewKey(s, s.base, at, key, null);
                    next = new NodeState(null);
                }
                parents.add(s);
                keys.add(key);
                added.add(next);
            }
            s = next;
            at = at.child(key);
        }
        root = top;
        for (int i = 0; i < added.size(); i++) {
            parents.get(i).set(keys.get(i), added.get(i));
        }
        return s;
    }

    /**
     * Refuses a new key that differs only in case or Unicode normalization from another key of the
     * node (its state in this transaction and its directory on disk), as macOS and Windows could not
     * hold both. {@code ignore} is a key about to be removed.
     */
    private void checkNewKey(NodeState s, String disk, NodePath at, String key, String ignore) {
        String fold = KeyCodec.fold(key);
        String other = s == null ? null : s.keyWithFold(fold);
        if (other == null && disk != null) {
            List<String> collisions = engine.foldCollisions(disk, key);
            observe(disk, key);
            for (String k : collisions) {
                if (s == null || s.get(k) != NodeState.REMOVED) {
                    other = k;
                    break;
                }
            }
        }
        if (other != null && !other.equals(key) && !other.equals(ignore)) {
            throw new JdirsException(join(at.dir(), Names.node(key)), "differs only in case or Unicode normalization from the key "
                    + KeyCodec.quote(other) + " of the same node; macOS and Windows could not hold both");
        }
    }

    private void check() {
        if (!active) {
            throw new ClosedException(null, "the transaction has ended");
        }
        engine.checkOpen();
    }

    private void checkWrite() {
        check();
        if (readOnly) {
            throw new IllegalStateException("this is a read-only transaction; change data in Database.write");
        }
    }

    private static JdirsException isNode(String path) {
        return new JdirsException(path, "is a node, not an attribute; remove it first to store an attribute under its key");
    }

    private static JdirsException isAttribute(String path) {
        return new JdirsException(path, "is an attribute, not a node");
    }
}
