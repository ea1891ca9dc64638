package io.jdirs.tx;

import io.jdirs.format.KeyCodec;
import io.jdirs.format.Names;
import io.jdirs.format.Value;
import io.jdirs.store.Entry;
import io.jdirs.store.Store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jdirs.format.Names.join;

/**
 * Compiles a transaction's changes into file operations, in an order that is correct to apply one
 * after the other:
 * <ol>
 *   <li>{@link Stage}: every directory that is moved, or removed with its contents, is renamed into
 *       the transaction's staging directory, deepest first, so no later step depends on where it was;</li>
 *   <li>then top-down over the changed nodes: in each directory, {@link Delete} the attribute files that
 *       go (first, so a file differing only in case can replace another), {@link Write} the new ones,
 *       then {@link Mkdir} new child nodes or {@link Place} moved ones back from staging;</li>
 *   <li>finally what is left in staging (removed nodes) is deleted.</li>
 * </ol>
 * All paths are database-relative: {@code dir} is the parent directory, {@code name} the entry.
 */
final class Commit {
    interface Op {
    }

    /** Renames directory {@code dir/name} to staging slot {@code slot}. */
    record Stage(String dir, String name, int slot) implements Op {
    }

    /** Deletes the file {@code dir/name}. */
    record Delete(String dir, String name) implements Op {
    }

    /** Writes {@code value} to the file {@code dir/name}, replacing it atomically; {@code created}: the name is new. */
    record Write(String dir, String name, Value value, boolean created) implements Op {
    }

    /** Creates the directory {@code dir/name}. */
    record Mkdir(String dir, String name) implements Op {
    }

    /** Renames staging slot {@code slot} to {@code dir/name}. */
    record Place(int slot, String dir, String name) implements Op {
    }

    static final String STAGING = Store.META + "/staging";

    private final Engine engine;
    private final Map<String, Integer> staged = new LinkedHashMap<>();
    private final Map<String, Entry> disk = new HashMap<>();
    private final List<Op> ops = new ArrayList<>();

    private Commit(Engine engine) {
        this.engine = engine;
    }

    static List<Op> compile(Engine engine, NodeState root) {
        Commit c = new Commit(engine);
        c.collect(root);
        List<String> dirs = new ArrayList<>(c.staged.keySet());
        dirs.sort(Comparator.comparingInt(Commit::depth).reversed());
        for (String d : dirs) {
            int slash = d.lastIndexOf('/');
            c.ops.add(new Stage(slash < 0 ? "" : d.substring(0, slash), d.substring(slash + 1), c.staged.get(d)));
        }
        c.place(root, "");
        return c.ops;
    }

    /**
     * Applies compiled operations to the store. A file that replaces another is written under a
     * temporary name and renamed over it; a new file is written in place (on ext4 a rename costs
     * several times the file's creation).
     */
    static void apply(Store store, List<Op> ops, String txTag) {
        String staging = join(STAGING, txTag);
        boolean staging_made = false;
        for (Op op : ops) {
            if (op instanceof Stage s) {
                if (!staging_made) {
                    store.mkdir(STAGING);
                    store.mkdir(staging);
                    staging_made = true;
                }
                store.rename(join(s.dir(), s.name()), join(staging, Integer.toString(s.slot())));
            } else if (op instanceof Delete d) {
                store.delete(join(d.dir(), d.name()));
            } else if (op instanceof Write w && w.created()) {
                store.write(join(w.dir(), w.name()), w.value().bytes());
            } else if (op instanceof Write w) {
                // a reader (jdirs or cat) sees the old content or the new, never a mix
                String tmp = join(w.dir(), "." + w.name() + "." + txTag + ".tmp");
                store.write(tmp, w.value().bytes());
                store.rename(tmp, join(w.dir(), w.name()));
            } else if (op instanceof Mkdir m) {
                store.mkdir(join(m.dir(), m.name()));
            } else if (op instanceof Place p) {
                store.rename(join(staging, Integer.toString(p.slot())), join(p.dir(), p.name()));
            }
        }
        if (staging_made) {
            store.deleteTree(staging);
        }
    }

    /** Finds the directories to stage: moved nodes' sources, and directories displaced by a change. */
    private void collect(NodeState s) {
        for (Map.Entry<String, Object> change : s.changes.entrySet()) {
            Entry old = old(s, change.getKey());
            String oldDir = old != null && old.isNode() ? join(s.base, old.name()) : null;
            if (change.getValue() instanceof NodeState child) {
                boolean carried = child.base != null && child.base.equals(oldDir);
                if (!carried) {
                    if (child.base != null) {
                        stage(child.base);
                    }
                    if (oldDir != null) {
                        stage(oldDir);
                    }
                }
                collect(child);
            } else if (oldDir != null) {
                stage(oldDir);
            }
        }
    }

    private void place(NodeState s, String dir) {
        List<String> keys = new ArrayList<>(s.changes.keySet());
        keys.sort(KeyCodec::compare);
        for (String key : keys) {
            Entry old = old(s, key);
            if (old != null && !old.isNode()) {
                Object now = s.changes.get(key);
                String name = now instanceof Value v ? Names.attribute(key, v.type()) : null;
                if (!old.name().equals(name)) {
                    ops.add(new Delete(dir, old.name()));
                }
            }
        }
        for (String key : keys) {
            if (s.changes.get(key) instanceof Value v) {
                String name = Names.attribute(key, v.type());
                Entry old = old(s, key);
                ops.add(new Write(dir, name, v, old == null || !old.name().equals(name)));
            }
        }
        for (String key : keys) {
            if (s.changes.get(key) instanceof NodeState child) {
                Entry old = old(s, key);
                boolean carried = child.base != null && old != null && old.isNode()
                        && child.base.equals(join(s.base, old.name()));
                String name = carried ? old.name() : Names.node(key);
                if (!carried) {
                    ops.add(child.base == null ? new Mkdir(dir, name) : new Place(staged.get(child.base), dir, name));
                }
                place(child, join(dir, name));
            }
        }
    }

    /** What is on disk under a changed key, looked up once per commit. */
    private Entry old(NodeState s, String key) {
        if (s.base == null) {
            return null;
        }
        String id = s.base + '\0' + key;
        if (disk.containsKey(id)) {
            return disk.get(id);
        }
        Entry e = engine.diskEntry(s.base, key);
        disk.put(id, e);
        return e;
    }

    private void stage(String dir) {
        staged.putIfAbsent(dir, staged.size());
    }

    private static int depth(String dir) {
        int d = 0;
        for (int i = 0; i < dir.length(); i++) {
            if (dir.charAt(i) == '/') {
                d++;
            }
        }
        return d;
    }
}
