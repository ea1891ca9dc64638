package io.jdirs.query;

import io.jdirs.InvalidDataException;
import io.jdirs.format.KeyCodec;
import io.jdirs.format.Names;
import io.jdirs.format.NodePath;
import io.jdirs.format.Sortable;
import io.jdirs.format.Value;
import io.jdirs.index.IndexDef;
import io.jdirs.index.IndexEntry;
import io.jdirs.index.Leaves;
import io.jdirs.store.FileLayer;
import io.jdirs.store.Listing;
import io.jdirs.store.Store;
import io.jdirs.tx.Engine;
import io.jdirs.tx.Tx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static io.jdirs.format.Names.join;

/**
 * Reading indexes in a transaction, and keeping them honest. An index is kept current by every commit;
 * what no commit explains is a hand edit. So before a process first uses an index, it checks it against
 * the files (docs/QUERIES.md, "Indexes and hand edits"): every node directory and indexed file changed
 * since the index's {@code checked} time is read again, and the folder is listed if it changed. An index
 * that does not match, or is damaged, missing or stale, is not used: queries read the nodes instead,
 * and the index is repaired (or rebuilt) in a transaction of its own before the next one.
 */
public final class Indexes {
    private Indexes() {
    }

    /** One stretch of an index: entries from {@code low} to {@code high} (value prefixes), maybe all starting with {@code prefix}. */
    record Range(Sortable[] low, boolean lowIncluded, Sortable[] high, boolean highIncluded, int prefixColumn, String prefix) {
        static final Range ALL = new Range(new Sortable[0], true, new Sortable[0], true, -1, null);

        boolean aboveLow(IndexEntry e) {
            int c = e.comparePrefix(low);
            return c > 0 || (c == 0 && lowIncluded);
        }

        boolean belowHigh(IndexEntry e) {
            int c = e.comparePrefix(high);
            return (c < 0 || (c == 0 && highIncluded))
                    && (prefix == null || (e.value(prefixColumn).string() != null && e.value(prefixColumn).string().startsWith(prefix)));
        }
    }

    /** The manifest of an index, as of the transaction's snapshot; null if it is missing or damaged. */
    static Leaves.Manifest manifest(Tx tx, IndexDef def) {
        String path = Leaves.manifestPath(def);
        try {
            Value v = tx.indexFile(path);
            return v == null ? null : Leaves.Manifest.parse(v, def.attributes().size(), path);
        } catch (InvalidDataException damaged) {
            return null;
        }
    }

    private static List<IndexEntry> leaf(Tx tx, IndexDef def, Leaves.Manifest m, int pos) {
        String path = Leaves.leafPath(def, m.leaves().get(pos));
        Value v = tx.indexFile(path);
        if (v == null) {
            throw new InvalidDataException(path, "is missing (listed in " + Leaves.manifestPath(def) + ")");
        }
        return Leaves.Leaf.parse(v, def.attributes().size(), path).entries();
    }

    /**
     * Gives the entries of a range to {@code visitor}, in order (or reverse order), until it returns false;
     * returns false then. In each leaf, the stretch of the range is found by two binary searches.
     */
    static boolean scan(Tx tx, IndexDef def, Leaves.Manifest m, Range r, boolean descending, Predicate<IndexEntry> visitor) {
        int n = m.leaves().size();
        for (int pos = descending ? lastLeafTo(m, r.high()) : m.firstLeafFrom(r.low()); pos >= 0 && pos < n;
             pos += descending ? -1 : 1) {
            List<IndexEntry> entries = leaf(tx, def, m, pos);
            int lo = firstAboveLow(entries, r);
            int hi = firstAboveHigh(entries, lo, r);
            for (int i = descending ? hi - 1 : lo; descending ? i >= lo : i < hi; i += descending ? -1 : 1) {
                if (!visitor.test(entries.get(i))) {
                    return false;
                }
            }
            if (descending ? lo > 0 : hi < entries.size()) {
                return true; // the range ends in this leaf
            }
        }
        return true;
    }

    /** How many entries a range has: two binary searches a leaf, no entry visited. */
    static long count(Tx tx, IndexDef def, Leaves.Manifest m, Range r) {
        long count = 0;
        for (int pos = m.firstLeafFrom(r.low()); pos < m.leaves().size(); pos++) {
            List<IndexEntry> entries = leaf(tx, def, m, pos);
            int lo = firstAboveLow(entries, r);
            int hi = firstAboveHigh(entries, lo, r);
            count += hi - lo;
            if (hi < entries.size()) {
                break;
            }
        }
        return count;
    }

    /** The first position whose entry is not below the range (entries are in order, so the test is monotone). */
    private static int firstAboveLow(List<IndexEntry> entries, Range r) {
        int lo = 0;
        int hi = entries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (r.aboveLow(entries.get(mid))) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The first position from {@code from} whose entry is past the range's end (or outside its prefix). */
    private static int firstAboveHigh(List<IndexEntry> entries, int from, Range r) {
        int lo = from;
        int hi = entries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (r.belowHigh(entries.get(mid))) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The position of the last leaf that may hold entries up to {@code high}. */
    private static int lastLeafTo(Leaves.Manifest m, Sortable[] high) {
        int found = 0;
        for (int lo = 1, hi = m.leaves().size() - 1; lo <= hi; ) {
            int mid = (lo + hi) >>> 1;
            if (m.separators().get(mid).comparePrefix(high) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * Whether this process may use an index now: checked against the files once, not stale. An index that
     * is not usable is queued for repair, which {@link #repair} carries out in a write transaction.
     */
    static boolean usable(Tx tx, IndexDef def) {
        Map<String, Engine.IndexState> states = tx.engine().indexStates();
        Engine.IndexState state = states.get(def.name());
        if (state != null && state.checked()) {
            Leaves.Manifest m = manifest(tx, def);
            if (m != null && !m.stale()) {
                return true;
            }
            state = null; // rebuilt by another process since, or marked stale by a commit
        }
        if (state != null) {
            return false; // to be repaired, or not repairable
        }
        Check c = check(tx, def);
        boolean matches = !c.rebuild() && c.fixes().isEmpty();
        states.put(def.name(), !matches ? Engine.IndexState.TO_REPAIR
                : c.costly() ? Engine.IndexState.REFRESH : Engine.IndexState.CHECKED);
        return matches;
    }

    /** Why this process does not use an index now. */
    static String problem(Tx tx, IndexDef def) {
        Engine.IndexState state = tx.engine().indexStates().get(def.name());
        return state != null && state.problem() != null ? "it could not be repaired (" + state.problem() + ")"
                : "it did not match the files, and is repaired in a transaction of its own";
    }

    /**
     * What a check of an index against the files found: {@code rebuild}, it cannot be fixed entry by
     * entry; {@code costly}, it read the folder or many nodes (a new check time spares the next process).
     */
    record Check(boolean rebuild, List<IndexEntry[]> fixes, boolean costly, long started) {
    }

    /**
     * Checks an index against the files: each node directory and indexed file whose stat changed since
     * the index's {@code checked} time is read again through the transaction, and the folder is listed
     * if it changed since. The fixes are pairs of (entry in the index, entry of the data).
     */
    static Check check(Tx tx, IndexDef def) {
        long started = System.currentTimeMillis() - Tx.RACY_MILLIS;
        Leaves.Manifest m = manifest(tx, def);
        if (m == null || m.stale()) {
            return new Check(true, List.of(), true, started);
        }
        Store store = tx.engine().store();
        long since = m.checked() * 1_000_000L;
        NodePath folder = Tx.folderPath(def);
        List<IndexEntry[]> fixes = new ArrayList<>();
        Set<String> nodes = new HashSet<>(m.leaves().size() * Leaves.MAX);
        int reread = 0;
        try {
            for (int pos = 0; pos < m.leaves().size(); pos++) {
                for (IndexEntry e : leaf(tx, def, m, pos)) {
                    if (!nodes.add(e.node())) {
                        return new Check(true, List.of(), true, started); // a node twice
                    }
                    String dir = join(def.folder(), KeyCodec.encode(e.node()));
                    FileLayer.Stat st = store.stat(dir);
                    boolean changed = st.kind() != FileLayer.Kind.DIRECTORY || st.modified() >= since;
                    for (int i = 0; i < e.size() && !changed; i++) {
                        if (e.type(i) != null) {
                            FileLayer.Stat f = store.stat(join(dir, Names.attribute(def.attributes().get(i), e.type(i))));
                            changed = f.kind() != FileLayer.Kind.FILE || f.modified() >= since;
                        }
                    }
                    if (changed) {
                        reread++;
                        IndexEntry now = tx.indexEntry(def, folder.child(e.node()));
                        if (!e.equals(now)) {
                            fixes.add(new IndexEntry[] {e, now});
                        }
                    }
                }
            }
        } catch (InvalidDataException damaged) {
            return new Check(true, List.of(), true, started);
        }
        FileLayer.Stat folderStat = store.stat(def.folder());
        boolean listed = folderStat.kind() == FileLayer.Kind.DIRECTORY && folderStat.modified() >= since;
        if (listed) {
            List<String> added = new ArrayList<>();
            store.forEachName(def.folder(), name -> {
                io.jdirs.store.Entry e = Listing.entry(name, FileLayer.Kind.DIRECTORY);
                if (e != null && !nodes.contains(e.key()) && store.kind(join(def.folder(), name)) == FileLayer.Kind.DIRECTORY) {
                    added.add(e.key());
                }
                return true;
            });
            for (String key : added) {
                IndexEntry now = tx.indexEntry(def, folder.child(key));
                if (now != null) {
                    fixes.add(new IndexEntry[] {null, now});
                }
            }
        }
        boolean costly = listed || reread > Math.max(64, nodes.size() / 16);
        return new Check(false, fixes, costly, started);
    }

    /**
     * Repairs an index in a write transaction: checks it again, then commits its fixes and the time of the
     * check, or rebuilds it when it is damaged, missing or stale. Returns false if the index is gone.
     */
    public static boolean repair(Tx tx, String name) {
        for (IndexDef def : tx.indexes()) {
            if (def.name().equals(name)) {
                Check c = check(tx, def);
                if (c.rebuild()) {
                    tx.rebuildIndex(def);
                } else {
                    for (IndexEntry[] fix : c.fixes()) {
                        tx.indexWork().update(def, fix[0], fix[1]);
                    }
                    tx.indexWork().checked(def, c.started());
                }
                return true;
            }
        }
        return false;
    }
}
