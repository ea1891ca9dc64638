package io.jdirs.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A file system in memory that remembers what is durable, for fault-injection tests. It can fail or
 * tear the N-th mutating operation (write, append, truncate, sync, rename, delete, mkdir), and
 * {@link #crash} leaves what a killed process or a power loss would:
 *
 * <ul>
 *   <li>a directory's entries survive a power loss only if it was synced after they changed; each
 *       directory changed since its last sync keeps either its synced entries or its current ones;</li>
 *   <li>a file's data survives only if the file was synced after it changed; otherwise it keeps its
 *       synced data, its current data, or a torn prefix of it;</li>
 *   <li>a rename is atomic: a moved node is found at its newest place among those that survived.</li>
 * </ul>
 *
 * Paths outside {@code root} are refused, so everything the database does to its files happens here.
 */
public final class MemFileLayer implements FileLayer {
    /** What a fault does to the operation it hits. */
    public enum Fault { FAIL, TEAR }

    /** What survives a crash. */
    public enum Loss {
        /** A killed process: everything the operating system was given. */
        NONE,
        /** A power loss: only what was synced. */
        ALL,
        /** A power loss on a file system that had written some of the rest. */
        SOME
    }

    private abstract static class INode {
    }

    private static final class MFile extends INode {
        byte[] data = new byte[0];
        byte[] synced;          // null: never synced
        int intact;             // leading bytes of data that no write or truncate touched since the last sync
        long modified;
    }

    private static final class MDir extends INode {
        Map<String, Link> entries = new TreeMap<>();
        Map<String, Link> synced = new TreeMap<>();
        boolean dirty;
        long modified;
    }

    /** An entry of a directory: the node, and when the entry was made (to tell the newest place of a moved node). */
    private record Link(INode node, long at) {
    }

    /** A rename not yet durable; syncing either directory makes it durable on both sides, as renames are atomic. */
    private record Rename(INode node, MDir from, String fromName, MDir to, String toName, Link link) {
    }

    private final List<Rename> renames = new ArrayList<>();

    private final Path root;
    private MDir top = new MDir();
    private long clock;
    private int countdown = -1;
    private Fault fault;
    private Random random = new Random(0);
    private int mutations;
    public boolean trace;

    public MemFileLayer(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Fails or tears the {@code n}-th mutating operation from now (1 = the next one). */
    public synchronized void failAt(int n, Fault f, Random r) {
        countdown = n;
        fault = f;
        random = r;
    }

    public synchronized void noFaults() {
        countdown = -1;
    }

    /** The number of mutating operations so far. */
    public synchronized int mutations() {
        return mutations;
    }

    /** Everything as it is now is durable (the state tests start from). */
    public synchronized void syncAll() {
        syncAll(top);
    }

    private void syncAll(MDir d) {
        renames.clear();
        d.synced = new TreeMap<>(d.entries);
        d.dirty = false;
        for (Link l : d.entries.values()) {
            if (l.node instanceof MFile f) {
                f.synced = f.data.clone();
                f.intact = f.data.length;
            } else {
                syncAll((MDir) l.node);
            }
        }
    }

    /** A deep copy of the whole state, to start several runs from the same one. */
    public synchronized MemFileLayer copy() {
        MemFileLayer c = new MemFileLayer(root);
        Map<INode, INode> copies = new IdentityHashMap<>();
        c.top = (MDir) copy(top, copies);
        c.clock = clock;
        return c;
    }

    private static INode copy(INode n, Map<INode, INode> copies) {
        INode done = copies.get(n);
        if (done != null) {
            return done;
        }
        if (n instanceof MFile f) {
            MFile g = new MFile();
            g.data = f.data.clone();
            g.synced = f.synced == null ? null : f.synced.clone();
            g.intact = f.intact;
            g.modified = f.modified;
            copies.put(n, g);
            return g;
        }
        MDir d = (MDir) n;
        MDir e = new MDir();
        copies.put(n, e);
        for (Map.Entry<String, Link> l : d.entries.entrySet()) {
            e.entries.put(l.getKey(), new Link(copy(l.getValue().node, copies), l.getValue().at));
        }
        for (Map.Entry<String, Link> l : d.synced.entrySet()) {
            e.synced.put(l.getKey(), new Link(copy(l.getValue().node, copies), l.getValue().at));
        }
        e.dirty = d.dirty;
        e.modified = d.modified;
        return e;
    }

    /** Leaves what a crash would; afterwards everything left is durable. */
    public synchronized void crash(Loss loss, Random r) {
        countdown = -1;
        if (loss == Loss.NONE) {
            syncAll();
            return;
        }
        // every directory of the world before the crash keeps its synced entries, or (SOME) its current ones
        List<MDir> dirs = new ArrayList<>();
        Map<MDir, Boolean> current = new IdentityHashMap<>();
        List<MDir> todo = new ArrayList<>(List.of(top));
        while (!todo.isEmpty()) {
            MDir d = todo.remove(todo.size() - 1);
            if (current.containsKey(d)) {
                continue;
            }
            dirs.add(d);
            current.put(d, d.dirty && loss == Loss.SOME && r.nextBoolean());
            for (Map<String, Link> m : List.of(d.entries, d.synced)) {
                for (Link l : m.values()) {
                    if (l.node instanceof MDir child) {
                        todo.add(child);
                    }
                }
            }
        }
        // renames are atomic: a node is at its newest place if that directory kept its current entries,
        // else at its newest synced place; never in two places, never lost by a half-kept rename
        Map<INode, Place> live = new IdentityHashMap<>();
        Map<INode, Place> durable = new IdentityHashMap<>();
        for (MDir d : dirs) {
            newest(live, d, d.entries);
            newest(durable, d, d.synced);
        }
        java.util.Set<INode> nodes = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        nodes.addAll(live.keySet());
        nodes.addAll(durable.keySet());
        Map<INode, Place> target = new IdentityHashMap<>();
        for (INode node : nodes) {
            Place newest = live.get(node);
            Place at = newest != null && current.get(newest.dir) ? newest : durable.get(node);
            if (at != null) {
                target.put(node, at);
            }
        }
        // a node placed in a directory that did not survive (its creation or move was lost) falls back to
        // its durable place: operations after a lost one are lost too
        Map<MDir, Map<String, Link>> kept;
        while (true) {
            kept = new IdentityHashMap<>();
            for (MDir d : dirs) {
                kept.put(d, new TreeMap<>());
            }
            for (Map.Entry<INode, Place> e : target.entrySet()) {
                kept.get(e.getValue().dir).putIfAbsent(e.getValue().name, e.getValue().link);
            }
            java.util.Set<INode> reachable = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            List<MDir> walk = new ArrayList<>(List.of(top));
            while (!walk.isEmpty()) {
                MDir d = walk.remove(walk.size() - 1);
                if (reachable.add(d)) {
                    for (Link l : kept.get(d).values()) {
                        if (l.node instanceof MDir child) {
                            walk.add(child);
                        }
                    }
                }
            }
            boolean moved = false;
            for (Map.Entry<INode, Place> e : target.entrySet()) {
                Place fallback = durable.get(e.getKey());
                if (!reachable.contains(e.getValue().dir) && fallback != null && fallback != e.getValue()) {
                    e.setValue(fallback);
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
        }
        for (MDir d : dirs) {
            d.entries = kept.get(d);
            d.synced = new TreeMap<>(d.entries);
            d.dirty = false;
        }
        renames.clear();
        syncData(top, loss, r, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private record Place(MDir dir, String name, Link link) {
    }

    private static void newest(Map<INode, Place> into, MDir d, Map<String, Link> entries) {
        for (Map.Entry<String, Link> e : entries.entrySet()) {
            Place p = into.get(e.getValue().node);
            if (p == null || e.getValue().at > p.link.at) {
                into.put(e.getValue().node, new Place(d, e.getKey(), e.getValue()));
            }
        }
    }

    private static void syncData(MDir d, Loss loss, Random r, java.util.Set<INode> seen) {
        if (!seen.add(d)) {
            return;
        }
        for (Link l : d.entries.values()) {
            if (l.node instanceof MDir child) {
                syncData(child, loss, r, seen);
            } else if (l.node instanceof MFile file && seen.add(file)
                    && (file.synced == null || !Arrays.equals(file.synced, file.data))) {
                file.data = survivor(file, loss, r);
                file.synced = file.data.clone();
                file.intact = file.data.length;
            }
        }
    }

    /**
     * What of a file changed since its last sync survives a power loss: its synced data, or (SOME) its
     * current data, or a torn version: the bytes no write or truncate touched since the sync (what an
     * append or a truncate left of the synced data), then part of the rest, maybe zeros where blocks
     * were allocated but not written. Data that was synced is never changed otherwise: a truncate is
     * like any other change of size, all or nothing.
     */
    private static byte[] survivor(MFile f, Loss loss, Random r) {
        byte[] synced = f.synced == null ? new byte[0] : f.synced;
        if (loss != Loss.SOME || r.nextBoolean()) {
            return synced;
        }
        if (r.nextBoolean()) {
            return f.data;
        }
        int keep = f.intact;
        byte[] torn = Arrays.copyOf(f.data, keep + r.nextInt(f.data.length - keep + 1));
        if (r.nextInt(3) == 0) {
            Arrays.fill(torn, keep + r.nextInt(torn.length - keep + 1), torn.length, (byte) 0);
        }
        return torn;
    }

    // ---- the file layer

    private String[] parts(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        if (!abs.startsWith(root)) {
            throw new AccessDeniedException(p.toString(), null, "outside the in-memory database");
        }
        Path rel = root.relativize(abs);
        return rel.toString().isEmpty() ? new String[0] : rel.toString().split("/");
    }

    private INode find(Path p) throws IOException {
        INode n = top;
        for (String part : parts(p)) {
            if (!(n instanceof MDir d)) {
                return null;
            }
            Link l = d.entries.get(part);
            if (l == null) {
                return null;
            }
            n = l.node;
        }
        return n;
    }

    private MDir parent(Path p) throws IOException {
        String[] parts = parts(p);
        if (parts.length == 0) {
            throw new IOException("the root has no parent");
        }
        INode n = top;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(n instanceof MDir d)) {
                throw new NoSuchFileException(p.toString());
            }
            Link l = d.entries.get(parts[i]);
            if (l == null) {
                throw new NoSuchFileException(p.toString());
            }
            n = l.node;
        }
        if (!(n instanceof MDir d)) {
            throw new NoSuchFileException(p.toString());
        }
        return d;
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    /** Counts a mutating operation; returns true if it is to be torn, throws if it is to fail. */
    private boolean mutate(String what, Path p) throws IOException {
        mutations++;
        if (trace) {
            System.out.println("  op " + mutations + " " + what + " " + root.relativize(p.toAbsolutePath().normalize())
                    + (countdown == 1 ? "   <== " + fault : ""));
        }
        if (countdown > 0 && --countdown == 0) {
            countdown = -1;
            if (fault == Fault.FAIL) {
                throw new IOException("injected failure of " + what + " " + p);
            }
            return true;
        }
        return false;
    }

    private void touch(MDir d) {
        d.dirty = true;
        d.modified = ++clock;
    }

    @Override
    public synchronized List<String> names(Path dir) throws IOException {
        INode n = find(dir);
        return n instanceof MDir d ? new ArrayList<>(d.entries.keySet()) : null;
    }

    @Override
    public synchronized Stat stat(Path path) throws IOException {
        INode n = find(path);
        if (n instanceof MFile f) {
            return new Stat(Kind.FILE, f.data.length, f.modified, System.identityHashCode(f));
        }
        if (n instanceof MDir d) {
            return new Stat(Kind.DIRECTORY, 0, d.modified, System.identityHashCode(d));
        }
        return Stat.MISSING;
    }

    @Override
    public synchronized byte[] read(Path file) throws IOException {
        INode n = find(file);
        if (n instanceof MDir) {
            throw new IOException(file + " is a directory");
        }
        return n == null ? null : ((MFile) n).data.clone();
    }

    @Override
    public synchronized byte[] read(Path file, long offset) throws IOException {
        byte[] all = read(file);
        return all == null ? null : Arrays.copyOfRange(all, (int) Math.min(offset, all.length), all.length);
    }

    private MFile file(Path p, boolean create) throws IOException {
        MDir d = parent(p);
        Link l = d.entries.get(name(p));
        if (l != null && l.node instanceof MDir) {
            throw new IOException(p + " is a directory");
        }
        if (l == null) {
            if (!create) {
                throw new NoSuchFileException(p.toString());
            }
            MFile f = new MFile();
            d.entries.put(name(p), new Link(f, ++clock));
            touch(d);
            return f;
        }
        return (MFile) l.node;
    }

    @Override
    public synchronized void write(Path file, byte[] data) throws IOException {
        boolean tear = mutate("write", file);
        MFile f = file(file, true);
        f.data = tear ? Arrays.copyOf(data, random.nextInt(data.length + 1)) : data.clone();
        f.intact = 0;
        f.modified = ++clock;
        if (tear) {
            throw new IOException("injected torn write of " + file);
        }
    }

    @Override
    public synchronized void append(Path file, byte[] data) throws IOException {
        boolean tear = mutate("append", file);
        MFile f = file(file, true);
        byte[] add = tear ? Arrays.copyOf(data, random.nextInt(data.length + 1)) : data;
        byte[] all = Arrays.copyOf(f.data, f.data.length + add.length);
        System.arraycopy(add, 0, all, f.data.length, add.length);
        f.data = all;
        f.modified = ++clock;
        if (tear) {
            throw new IOException("injected torn append to " + file);
        }
    }

    @Override
    public synchronized void truncate(Path file, long size) throws IOException {
        mutate("truncate", file);
        MFile f = file(file, false);
        f.data = Arrays.copyOf(f.data, (int) Math.min(size, f.data.length));
        f.intact = Math.min(f.intact, f.data.length);
        f.modified = ++clock;
    }

    @Override
    public synchronized void sync(Path path) throws IOException {
        mutate("sync", path);
        INode n = find(path);
        if (n == null) {
            throw new NoSuchFileException(path.toString());
        }
        if (n instanceof MFile f) {
            f.synced = f.data.clone();
            f.intact = f.data.length;
        } else {
            MDir d = (MDir) n;
            d.synced = new TreeMap<>(d.entries);
            d.dirty = false;
            for (java.util.Iterator<Rename> it = renames.iterator(); it.hasNext(); ) {
                Rename r = it.next();
                if (r.from == d || r.to == d) {
                    Link was = r.from.synced.get(r.fromName);
                    if (was != null && was.node == r.node) {
                        r.from.synced.remove(r.fromName);
                    }
                    r.to.synced.put(r.toName, r.link);
                    it.remove();
                }
            }
        }
    }

    @Override
    public synchronized void rename(Path from, Path to) throws IOException {
        boolean tear = mutate("rename", from);
        if (tear) {
            throw new IOException("injected failure of rename " + from); // a rename is atomic: torn = not done
        }
        MDir src = parent(from);
        Link l = src.entries.get(name(from));
        if (l == null) {
            throw new NoSuchFileException(from.toString());
        }
        MDir dst = parent(to);
        Link old = dst.entries.get(name(to));
        if (old != null && old.node instanceof MDir od && (!od.entries.isEmpty() || !(l.node instanceof MDir))) {
            throw new DirectoryNotEmptyException(to.toString());
        }
        src.entries.remove(name(from));
        touch(src);
        Link moved = new Link(l.node, ++clock);
        dst.entries.put(name(to), moved);
        touch(dst);
        renames.add(new Rename(l.node, src, name(from), dst, name(to), moved));
    }

    @Override
    public synchronized void delete(Path path) throws IOException {
        boolean tear = mutate("delete", path);
        if (tear) {
            throw new IOException("injected failure of delete " + path);
        }
        MDir d;
        try {
            d = parent(path);
        } catch (NoSuchFileException e) {
            return;
        }
        Link l = d.entries.get(name(path));
        if (l == null) {
            return;
        }
        if (l.node instanceof MDir dir && !dir.entries.isEmpty()) {
            throw new DirectoryNotEmptyException(path.toString());
        }
        d.entries.remove(name(path));
        touch(d);
    }

    @Override
    public synchronized void mkdir(Path dir) throws IOException {
        boolean tear = mutate("mkdir", dir);
        if (tear) {
            throw new IOException("injected failure of mkdir " + dir);
        }
        MDir d = parent(dir);
        Link l = d.entries.get(name(dir));
        if (l != null) {
            if (l.node instanceof MDir) {
                return;
            }
            throw new FileAlreadyExistsException(dir.toString());
        }
        MDir made = new MDir();
        made.dirty = true;
        d.entries.put(name(dir), new Link(made, ++clock));
        touch(d);
    }

    /**
     * The database as SpecReader reads real files: key to child map, or to the type suffix and bytes
     * of an attribute (hidden names and the metadata directory left out).
     */
    public synchronized Map<String, Object> tree() {
        return tree(top, true);
    }

    private Map<String, Object> tree(MDir d, boolean isRoot) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Link> e : d.entries.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(".") || name.endsWith("~")) {
                continue;
            }
            if (e.getValue().node instanceof MDir child) {
                out.put(io.jdirs.SpecReader.unescape(name), tree(child, false));
            } else {
                int dot = name.lastIndexOf('.');
                String suffix = dot > 0 ? name.substring(dot + 1) : "";
                boolean typed = io.jdirs.SpecReader.SUFFIXES.contains(suffix);
                out.put(io.jdirs.SpecReader.unescape(typed ? name.substring(0, dot) : name),
                        io.jdirs.SpecReader.leaf(typed ? suffix : "str", ((MFile) e.getValue().node).data));
            }
        }
        return out;
    }

    /** Names in a directory of the in-memory tree, for checks on leftovers (staging, temporary files). */
    public synchronized List<String> list(String rel) throws IOException {
        List<String> n = names(root.resolve(rel));
        return n == null ? List.of() : n;
    }
}
