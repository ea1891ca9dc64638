package io.jdirs.index;

import io.jdirs.DuplicateException;
import io.jdirs.Type;
import io.jdirs.format.KeyCodec;
import io.jdirs.format.Value;
import io.jdirs.journal.Op;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.jdirs.format.Names.join;

/**
 * Turns a commit's index changes into file operations, appended to the commit's own: so an index is
 * changed in the same journal record as the data, and survives a crash the same way. Changes are
 * queued, then {@link #ops} applies, per index, the removed entries first and then the added ones (two
 * nodes may swap unique values), refuses duplicates in unique indexes, splits leaves that grew past
 * {@link Leaves#MAX} and drops emptied ones. It reads the newest content of index files (what commits
 * appended before this one wrote) through {@code reader}.
 */
public final class IndexWriter {
    private final Map<IndexDef, Work> work = new LinkedHashMap<>();
    private final List<String> damaged = new ArrayList<>();
    private Function<String, Value> reader;

    private static final class Work {
        final List<IndexEntry> removed = new ArrayList<>();
        final List<IndexEntry> added = new ArrayList<>();
        List<IndexEntry> all;   // create or rebuild with these entries
        boolean drop;
        boolean stale;
        long checked = -1;
    }

    private Work work(IndexDef def) {
        return work.computeIfAbsent(def, d -> new Work());
    }

    /** A node's entry changes (old or new null: the node was not, or is no longer, in the folder). */
    public void update(IndexDef def, IndexEntry old, IndexEntry now) {
        if (old != null && old.equals(now)) {
            return;
        }
        Work w = work(def);
        if (old != null) {
            w.removed.add(old);
        }
        if (now != null) {
            w.added.add(now);
        }
    }

    /** Writes the index anew (creating it) with these entries, checked against the files at {@code checked}. */
    public void create(IndexDef def, List<IndexEntry> entries, long checked) {
        Work w = work(def);
        w.all = new ArrayList<>(entries);
        w.checked = checked;
    }

    public void drop(IndexDef def) {
        work(def).drop = true;
    }

    /** Removes the files of an index whose definition cannot be read. */
    public void dropDamaged(String name) {
        damaged.add(name);
    }

    /** The index no longer matches its folder (the folder was moved or replaced): it is rebuilt before its next use. */
    public void stale(IndexDef def) {
        work(def).stale = true;
    }

    /** Records that the index was checked against the files at {@code time}. */
    public void checked(IndexDef def, long time) {
        work(def).checked = time;
    }

    public boolean isEmpty() {
        return work.isEmpty() && damaged.isEmpty();
    }

    /**
     * The file operations of all changes queued.
     *
     * @param reader the newest content of a database-relative file, null if there is none
     */
    public List<Op> ops(Function<String, Value> reader) {
        this.reader = reader;
        List<Op> ops = new ArrayList<>();
        for (String name : damaged) {
            ops.add(new Op.RmTree(IndexDef.DIR, name));
        }
        for (Map.Entry<IndexDef, Work> e : work.entrySet()) {
            IndexDef def = e.getKey();
            Work w = e.getValue();
            if (w.drop) {
                ops.add(new Op.RmTree(IndexDef.DIR, def.name()));
            } else if (w.all != null) {
                rewrite(def, w.all, w.checked, ops);
            } else {
                update(def, w, ops);
            }
        }
        return ops;
    }

    private void rewrite(IndexDef def, List<IndexEntry> entries, long checked, List<Op> ops) {
        Collections.sort(entries);
        for (int i = 1; i < entries.size(); i++) {
            if (def.unique() && entries.get(i).duplicates(entries.get(i - 1))) {
                throw duplicate(def, entries.get(i), entries.get(i - 1));
            }
        }
        ops.add(new Op.RmTree(IndexDef.DIR, def.name()));
        ops.add(new Op.Mkdir(IndexDef.DIR, def.name()));
        ops.add(write(def.dir(), Leaves.DEFINITION, def.text(), true));
        List<Long> ids = new ArrayList<>();
        List<IndexEntry> separators = new ArrayList<>();
        int chunk = Leaves.MAX / 2;
        for (int start = 0; start == 0 || start < entries.size(); start += chunk) {
            List<IndexEntry> part = entries.subList(start, Math.min(entries.size(), start + chunk));
            long id = ids.size() + 1;
            ids.add(id);
            separators.add(start == 0 ? null : part.get(0));
            ops.add(write(def.dir(), Long.toString(id), Leaves.Leaf.bytes(part), true));
        }
        Leaves.Manifest m = new Leaves.Manifest(ids.size() + 1, checked, false, ids, separators);
        ops.add(write(def.dir(), Leaves.MANIFEST, m.bytes(def.attributes().size()), true));
    }

    private void update(IndexDef def, Work w, List<Op> ops) {
        int width = def.attributes().size();
        String manifestPath = Leaves.manifestPath(def);
        Value file = reader.apply(manifestPath);
        if (file == null) {
            return; // no index files (removed by hand): it is rebuilt before it is used
        }
        Leaves.Manifest m = Leaves.Manifest.parse(file, width, manifestPath);
        if (m.stale()) {
            return;
        }
        Map<Integer, List<IndexEntry>> leaves = new HashMap<>();
        Function<Integer, List<IndexEntry>> leaf = pos -> leaves.computeIfAbsent(pos, p -> {
            String path = Leaves.leafPath(def, m.leaves().get(p));
            Value v = reader.apply(path);
            return v == null ? null : new ArrayList<>(Leaves.Leaf.parse(v, width, path).entries());
        });
        java.util.Set<Integer> dirty = new java.util.HashSet<>();
        boolean stale = w.stale;
        for (IndexEntry old : w.removed) {
            int pos = m.leafOf(old);
            List<IndexEntry> l = leaf.apply(pos);
            int at = l == null ? -1 : Collections.binarySearch(l, old);
            if (at < 0 || !l.get(at).equals(old)) {
                stale = true; // not where the data says: the index had gone stale
                break;
            }
            l.remove(at);
            dirty.add(pos);
        }
        for (int i = 0; i < w.added.size() && !stale; i++) {
            IndexEntry now = w.added.get(i);
            int pos = m.leafOf(now);
            List<IndexEntry> l = leaf.apply(pos);
            int at = l == null ? 0 : Collections.binarySearch(l, now);
            if (l == null || at >= 0) {
                stale = true; // a leaf file is missing, or the node is already there with these values
                break;
            }
            at = -at - 1;
            l.add(at, now);
            dirty.add(pos);
            if (def.unique()) {
                IndexEntry other = neighbour(l, at, -1, pos, leaf, m);
                if (other == null || !other.duplicates(now)) {
                    other = neighbour(l, at, 1, pos, leaf, m);
                }
                if (other != null && other.duplicates(now)) {
                    throw duplicate(def, now, other);
                }
            }
        }
        if (stale) {
            ops.add(write(def.dir(), Leaves.MANIFEST, new Leaves.Manifest(m.next(), m.checked(), true, m.leaves(),
                    m.separators()).bytes(width), false));
            return;
        }
        List<Long> ids = new ArrayList<>();
        List<IndexEntry> separators = new ArrayList<>();
        long next = m.next();
        boolean changed = w.checked >= 0;
        for (int pos = 0; pos < m.leaves().size(); pos++) {
            List<IndexEntry> l = dirty.contains(pos) ? leaves.get(pos) : null;
            long id = m.leaves().get(pos);
            if (l == null) {
                ids.add(id);
                separators.add(m.separators().get(pos));
            } else if (l.isEmpty() && pos > 0) {
                ops.add(new Op.Delete(def.dir(), Long.toString(id)));
                changed = true;
            } else {
                int parts = l.size() > Leaves.MAX ? (l.size() + Leaves.MAX / 2 - 1) / (Leaves.MAX / 2) : 1;
                int size = Math.max(1, (l.size() + parts - 1) / parts);
                for (int p = 0; p < parts; p++) {
                    List<IndexEntry> part = l.subList(Math.min(l.size(), p * size), Math.min(l.size(), (p + 1) * size));
                    long partId = p == 0 ? id : next++;
                    ids.add(partId);
                    separators.add(p == 0 ? m.separators().get(pos) : part.get(0));
                    ops.add(write(def.dir(), Long.toString(partId), Leaves.Leaf.bytes(part), p > 0));
                }
                changed |= parts > 1;
            }
        }
        if (changed) {
            Leaves.Manifest now = new Leaves.Manifest(next, w.checked >= 0 ? w.checked : m.checked(), false, ids, separators);
            ops.add(write(def.dir(), Leaves.MANIFEST, now.bytes(width), false));
        }
    }

    /** The entry next to position {@code at} in the given direction, across leaves; null at either end. */
    private static IndexEntry neighbour(List<IndexEntry> l, int at, int step, int pos,
                                        Function<Integer, List<IndexEntry>> leaf, Leaves.Manifest m) {
        if (at + step >= 0 && at + step < l.size()) {
            return l.get(at + step);
        }
        for (int p = pos + step; p >= 0 && p < m.leaves().size(); p += step) {
            List<IndexEntry> other = leaf.apply(p);
            if (other != null && !other.isEmpty()) {
                return other.get(step < 0 ? other.size() - 1 : 0);
            }
        }
        return null;
    }

    private static DuplicateException duplicate(IndexDef def, IndexEntry now, IndexEntry other) {
        String path = join(def.folder(), KeyCodec.encode(now.node()));
        String existing = join(def.folder(), KeyCodec.encode(other.node()));
        return new DuplicateException(path, existing, String.join(", ", def.attributes()) + " " + now.describe()
                + " is already taken by " + existing + " (unique index " + def + ")");
    }

    private static Op write(String dir, String name, byte[] content, boolean created) {
        return new Op.Write(dir, name, new Value(Type.STRING, content), created);
    }
}
