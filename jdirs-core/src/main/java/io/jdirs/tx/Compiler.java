package io.jdirs.tx;

import io.jdirs.format.KeyCodec;
import io.jdirs.format.Names;
import io.jdirs.format.Value;
import io.jdirs.journal.Op;
import io.jdirs.store.Entry;

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
 *   <li>every directory that moves is staged (renamed out of the tree), deepest first, so that no later
 *       step depends on where it was;</li>
 *   <li>then, top-down over the changed nodes at their final places: in each directory, the entries that
 *       go are removed (first, so that a key differing only in case can replace another), new attribute
 *       files are written, and child directories are created, or placed back from staging.</li>
 * </ol>
 */
final class Compiler {
    private final Engine engine;
    private final Map<String, Integer> moved = new LinkedHashMap<>();
    private final Map<String, Entry> disk = new HashMap<>();
    private final List<Op> ops = new ArrayList<>();

    private Compiler(Engine engine) {
        this.engine = engine;
    }

    static List<Op> compile(Engine engine, NodeState root) {
        Compiler c = new Compiler(engine);
        c.collect(root);
        List<String> sources = new ArrayList<>(c.moved.keySet());
        sources.sort(Comparator.comparingInt(Compiler::depth).reversed());
        for (String d : sources) {
            int slash = d.lastIndexOf('/');
            c.ops.add(new Op.Stage(slash < 0 ? "" : d.substring(0, slash), d.substring(slash + 1), c.moved.get(d)));
        }
        c.place(root, "");
        return c.ops;
    }

    /** Finds the directories that move: nodes whose base is not where their parent's base has them. */
    private void collect(NodeState s) {
        for (Map.Entry<String, Object> change : s.changes.entrySet()) {
            if (change.getValue() instanceof NodeState child) {
                if (child.base != null && !carried(s, change.getKey(), child)) {
                    moved.putIfAbsent(child.base, moved.size());
                }
                collect(child);
            }
        }
    }

    private void place(NodeState s, String dir) {
        List<String> keys = new ArrayList<>(s.changes.keySet());
        keys.sort(KeyCodec::compare);
        for (String key : keys) {
            Entry old = old(s, key);
            Object now = s.changes.get(key);
            if (old == null || (now instanceof NodeState child && carried(s, key, child))) {
                continue;
            }
            if (old.isNode()) {
                if (!moved.containsKey(join(s.base, old.name()))) {
                    ops.add(new Op.RmTree(dir, old.name()));
                }
            } else if (!(now instanceof Value v) || !old.name().equals(Names.attribute(key, v.type()))) {
                ops.add(new Op.Delete(dir, old.name()));
            }
        }
        for (String key : keys) {
            if (s.changes.get(key) instanceof Value v) {
                String name = Names.attribute(key, v.type());
                Entry old = old(s, key);
                boolean replaces = old != null && !old.isNode() && old.name().equals(name);
                ops.add(new Op.Write(dir, name, v, !replaces));
            }
        }
        for (String key : keys) {
            if (s.changes.get(key) instanceof NodeState child) {
                boolean carried = carried(s, key, child);
                String name = carried ? old(s, key).name() : Names.node(key);
                if (!carried) {
                    ops.add(child.base == null ? new Op.Mkdir(dir, name) : new Op.Place(moved.get(child.base), dir, name));
                }
                place(child, join(dir, name));
            }
        }
    }

    /** Whether a child node stays where it is: its base is the directory its key has under its parent's base. */
    private boolean carried(NodeState parent, String key, NodeState child) {
        Entry old = old(parent, key);
        return child.base != null && old != null && old.isNode() && child.base.equals(join(parent.base, old.name()));
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
