package io.jdirs;

import io.jdirs.format.Codec;
import io.jdirs.format.KeyCodec;
import io.jdirs.format.NodePath;
import io.jdirs.format.Value;
import io.jdirs.index.IndexDef;
import io.jdirs.index.IndexEntry;
import io.jdirs.index.Leaves;
import io.jdirs.journal.ChangeLog;
import io.jdirs.journal.Journal;
import io.jdirs.store.FileLayer;
import io.jdirs.store.Listing;
import io.jdirs.store.Store;
import io.jdirs.tx.Tx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

import static io.jdirs.format.Names.join;

/**
 * What {@link Database#check} does: reads every file of the user's data and every file of
 * {@code .jdirs/}, and reports each problem with its path, what is wrong and what was expected.
 */
final class Checker {
    private final Store store;
    private final List<Database.Problem> problems = new ArrayList<>();
    private final LongConsumer progress;
    private long files;

    private Checker(Store store, LongConsumer progress) {
        this.store = store;
        this.progress = progress;
    }

    /** The problems of the data and of the journal and change log (the indexes are checked in a transaction: {@link #indexes}). */
    static List<Database.Problem> files(Store store, long published, LongConsumer progress) {
        Checker c = new Checker(store, progress);
        c.node("");
        if (progress != null) {
            progress.accept(c.files); // the total
        }
        c.metadata(published);
        return c.problems;
    }

    private void problem(String path, String message) {
        problems.add(new Database.Problem(path.isEmpty() ? "." : path, message));
    }

    /** A node's directory: its names, what each is, its values, and then its child nodes. */
    private void node(String dir) {
        List<String> names = store.names(dir);
        if (names == null) {
            return;
        }
        names.sort(null);
        Map<String, List<String>> byKey = new TreeMap<>(KeyCodec::compare);
        Map<String, List<String>> byFold = new TreeMap<>();
        List<String> children = new ArrayList<>();
        for (String name : names) {
            if (KeyCodec.isIgnored(name)) {
                continue;
            }
            String path = join(dir, name);
            FileLayer.Kind kind = store.kind(path);
            io.jdirs.store.Entry e = Listing.entry(name, kind);
            if (kind == FileLayer.Kind.OTHER) {
                problem(path, "is neither a file nor a directory (a link?): ignored; expected a file or a directory");
            } else if (e == null) {
                problem(path, "is ignored: a directory of a node is named by its key written as docs/FORMAT.md section 3 says"
                        + " (this name stands for the key " + KeyCodec.quote(KeyCodec.decode(name)) + ")");
            } else {
                byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(name);
                byFold.computeIfAbsent(KeyCodec.fold(e.key()), k -> new ArrayList<>()).add(e.key());
                if (e.isNode()) {
                    children.add(name);
                } else {
                    value(path, e.type());
                }
            }
        }
        for (Map.Entry<String, List<String>> k : byKey.entrySet()) {
            if (k.getValue().size() > 1) {
                problem(join(dir, k.getValue().get(0)), "key " + KeyCodec.quote(k.getKey()) + " is also named by "
                        + String.join(", ", k.getValue().subList(1, k.getValue().size())) + "; expected one file or directory per key");
            }
        }
        for (List<String> keys : byFold.values()) {
            List<String> distinct = keys.stream().distinct().toList();
            if (distinct.size() > 1) {
                problem(dir, "keys " + String.join(" and ", distinct.stream().map(KeyCodec::quote).toList())
                        + " differ only in case or Unicode normalization; macOS and Windows could not hold both");
            }
        }
        for (String child : children) {
            node(join(dir, child));
        }
    }

    private void value(String path, Type type) {
        byte[] content = store.read(path);
        if (content != null) {
            try {
                Codec.natural(new Value(type, content), path);
            } catch (InvalidDataException e) {
                problem(path, detail(e));
            }
        }
        if (++files % 1000 == 0 && progress != null) {
            progress.accept(files);
        }
    }

    static String detail(JdirsException e) {
        String m = e.getMessage();
        return e.path() != null && m.startsWith(e.path() + ": ") ? m.substring(e.path().length() + 2) : m;
    }

    /** The journal, the change log, and leftovers of interrupted commits. */
    private void metadata(long published) {
        try {
            Journal.Contents j = new Journal(store).read();
            if (j.validLength() < j.length()) {
                problem(Journal.FILE, "has " + (j.length() - j.validLength()) + " bytes after its last whole record "
                        + "(at " + j.validLength() + "); expected none once the database is open");
            }
        } catch (InvalidDataException e) {
            problem(Journal.FILE, detail(e));
        }
        List<ChangeLog.Commit> commits = new ChangeLog(store).read(0, published);
        for (int i = 1; i < commits.size(); i++) {
            if (commits.get(i).seq() != commits.get(i - 1).seq() + 1) {
                problem(ChangeLog.DIR, "misses commits " + (commits.get(i - 1).seq() + 1) + " to " + (commits.get(i).seq() - 1)
                        + "; expected every commit after the oldest one kept");
            }
        }
        if (!commits.isEmpty() && commits.get(commits.size() - 1).seq() != published) {
            problem(ChangeLog.DIR, "ends at commit " + commits.get(commits.size() - 1).seq() + "; expected it to reach the last "
                    + "published commit, " + published);
        }
        List<String> staged = store.names(Store.META + "/staging");
        if (staged != null && !staged.isEmpty()) {
            problem(Store.META + "/staging", "holds " + staged.size() + " leftover(s) of an interrupted commit; expected it empty "
                    + "(they are removed when the database is opened alone)");
        }
    }

    /**
     * Every index against the data, in one transaction: its files parse and are in order, and it has
     * exactly one entry per node of its folder, with the node's values. Returns the problems, and in
     * {@code broken} the names of the indexes that need rebuilding (null when the definition is damaged:
     * then the index can only be dropped).
     */
    static List<Database.Problem> indexes(Tx tx, Map<String, IndexDef> broken) {
        List<Database.Problem> problems = new ArrayList<>();
        List<io.jdirs.store.Entry> dirs = new ArrayList<>(tx.engine().store().listing(IndexDef.DIR).entries());
        dirs.sort((a, b) -> a.name().compareTo(b.name()));
        for (io.jdirs.store.Entry d : dirs) {
            String dir = join(IndexDef.DIR, d.name());
            IndexDef def;
            try {
                Value v = tx.indexFile(Leaves.definitionPath(dir));
                if (v == null) {
                    throw new InvalidDataException(Leaves.definitionPath(dir), "is missing; expected the index's definition");
                }
                def = IndexDef.parse(v.bytes(), Leaves.definitionPath(dir));
                if (!def.name().equals(d.name())) {
                    throw new InvalidDataException(Leaves.definitionPath(dir), "defines the index " + def.name()
                            + "; expected the one its directory is named after");
                }
            } catch (InvalidDataException e) {
                problems.add(new Database.Problem(e.path(), detail(e)));
                broken.put(d.name(), null);
                continue;
            }
            List<Database.Problem> mine = index(tx, def);
            if (!mine.isEmpty()) {
                problems.addAll(mine);
                broken.put(def.name(), def);
            }
        }
        return problems;
    }

    private static List<Database.Problem> index(Tx tx, IndexDef def) {
        List<Database.Problem> problems = new ArrayList<>();
        String manifestPath = Leaves.manifestPath(def);
        int width = def.attributes().size();
        Map<String, IndexEntry> listed = new HashMap<>();
        try {
            Value mv = tx.indexFile(manifestPath);
            if (mv == null) {
                throw new InvalidDataException(manifestPath, "is missing; expected the list of the index's leaves");
            }
            Leaves.Manifest m = Leaves.Manifest.parse(mv, width, manifestPath);
            if (m.stale()) {
                problems.add(new Database.Problem(manifestPath, "marks the index stale (its folder was moved or replaced); "
                        + "it is rebuilt before its next use"));
                return problems;
            }
            IndexEntry previous = null;
            for (int pos = 0; pos < m.leaves().size(); pos++) {
                String leafPath = Leaves.leafPath(def, m.leaves().get(pos));
                Value lv = tx.indexFile(leafPath);
                if (lv == null) {
                    throw new InvalidDataException(leafPath, "is missing; expected a leaf listed in " + manifestPath);
                }
                for (IndexEntry e : Leaves.Leaf.parse(lv, width, leafPath).entries()) {
                    IndexEntry low = m.separators().get(pos);
                    IndexEntry high = pos + 1 < m.leaves().size() ? m.separators().get(pos + 1) : null;
                    if ((previous != null && previous.compareTo(e) >= 0) || (low != null && low.compareTo(e) > 0)
                            || (high != null && high.compareTo(e) <= 0)) {
                        problems.add(new Database.Problem(leafPath, "holds " + e.line() + " out of order; expected the "
                                + "entries of all leaves in one order, each leaf from its separator in " + manifestPath));
                    }
                    if (def.unique() && previous != null && previous.duplicates(e)) {
                        problems.add(new Database.Problem(join(def.folder(), KeyCodec.encode(e.node())), "has the values "
                                + e.describe() + " of " + join(def.folder(), KeyCodec.encode(previous.node()))
                                + "; the index " + def + " expects them once"));
                    }
                    if (listed.put(e.node(), e) != null) {
                        problems.add(new Database.Problem(leafPath, "lists the node " + KeyCodec.quote(e.node())
                                + " twice; expected one entry per node"));
                    }
                    previous = e;
                }
            }
        } catch (InvalidDataException e) {
            problems.add(new Database.Problem(e.path(), detail(e)));
            return problems;
        }
        NodePath folder = Tx.folderPath(def);
        tx.forEachChild(folder, key -> {
            IndexEntry actual = tx.indexEntry(def, folder.child(key));
            IndexEntry entry = listed.remove(key);
            String path = join(def.folder(), KeyCodec.encode(key));
            if (entry == null) {
                problems.add(new Database.Problem(path, "is not in the index " + def + "; expected an entry with "
                        + actual.describe()));
            } else if (!entry.equals(actual)) {
                problems.add(new Database.Problem(path, "is in the index " + def + " with " + entry.describe()
                        + "; expected " + actual.describe() + " as in its files"));
            }
            return true;
        });
        for (String gone : listed.keySet()) {
            problems.add(new Database.Problem(join(def.folder(), KeyCodec.encode(gone)), "is in the index " + def
                    + " but is not a node of " + (def.folder().isEmpty() ? "the root" : def.folder())));
        }
        return problems;
    }
}
