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
    private boolean moved;
    private boolean active = true;

    Tx(Engine engine, boolean readOnly, long snapshot, boolean exclusive) {
        this.engine = engine;
        this.readOnly = readOnly;
        this.snapshot = snapshot;
        this.exclusive = exclusive;
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
        return v == null ? null : Codec.convert(v, target, l.path);
    }

    /** An attribute as stored; null if absent. */
    public Value value(NodePath p, String key) {
        Located l = attribute(p, key);
        return l == null ? null : l.value();
    }

    /** The path of the file or directory that holds a key, as messages name it; null if absent. */
    public String pathOf(NodePath p, String key) {
        Located l = locate(p, key);
        return l == null ? null : l.path;
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
            if (listing.stamp() != null) {
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
        active = false;
        NodeState changes = root;
        root = null;
        try {
            if (changes != null) {
                engine.committer.commit(this, changes);
            }
        } finally {
            engine.end(this);
        }
    }

    public void rollback() {
        if (active) {
            active = false;
            root = null;
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
        observe(dir, KeyCodec.fold(entry.key()));
        if (loaded == null) {
            return null;
        }
        if (!loaded.pending()) {
            stamps.put(join(dir, entry.name()), loaded.stamp() != null ? loaded.stamp() : loaded.value());
        }
        return loaded.value();
    }

    /** Records a read, and fails if what was read may already be newer than the snapshot. */
    private void observe(String dir, String fold) {
        reads.add(fold == null ? dir : ChangeIndex.entry(dir, fold));
        if (engine.changed(snapshot, dir, fold)) {
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
        final String path;
        private final Value value;
        private final String dir;
        private final Entry entry;

        Located(Type type, String path, Value value, String dir, Entry entry) {
            this.type = type;
            this.path = path;
            this.value = value;
            this.dir = dir;
            this.entry = entry;
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
            observe(slash < 0 ? "" : v.disk.substring(0, slash), KeyCodec.fold(KeyCodec.decode(v.disk.substring(slash + 1))));
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
                return new Located(val.type(), join(p.dir(), Names.attribute(key, val.type())), val, null, null);
            }
            if (c instanceof NodeState) {
                return new Located(Type.NODE, join(p.dir(), Names.node(key)), null, null, null);
            }
        }
        String dir = v.diskDir();
        Entry e = dir == null ? null : diskEntry(dir, key);
        if (e == null) {
            return null;
        }
        return new Located(e.type(), join(dir, e.name()), null, dir, e.isNode() ? null : e);
    }

    private Located attribute(NodePath p, String key) {
        Located l = locate(p, key);
        if (l != null && l.type == Type.NODE) {
            throw new InvalidDataException(l.path, "is a node, not an attribute");
        }
        return l;
    }

    private Entry diskEntry(String dir, String key) {
        Entry e = engine.diskEntry(dir, key);
        observe(dir, KeyCodec.fold(key));
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
            observe(disk, KeyCodec.fold(key));
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
