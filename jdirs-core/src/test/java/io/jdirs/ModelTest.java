package io.jdirs;

import io.jdirs.format.Codec;
import io.jdirs.format.KeyCodec;
import io.jdirs.format.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random operations on a database and on a plain in-memory tree side by side, compared after every
 * step, after reopening, and with the files read back by {@link SpecReader}. A failing run prints its
 * seed (see {@link Props}).
 */
class ModelTest {
    @TempDir
    Path tmp;

    private static final List<String> KEYS = List.of("a", "b", "c", "A", "x.int", "con", "a/b", ".h", "\u00e9", "E\u0301", "\ud83d\ude00", "z ");

    /** The model: a node is a sorted map from key to a child node or a stored value. */
    static final class MNode {
        final Map<String, Object> entries = new TreeMap<>(KeyCodec::compare);

        MNode copy() {
            MNode c = new MNode();
            entries.forEach((k, v) -> c.entries.put(k, v instanceof MNode n ? n.copy() : v));
            return c;
        }
    }

    /** Thrown by the model where it expects the database to refuse an operation. */
    static final class Refused extends RuntimeException {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    @Test
    void randomOperationsAgreeWithAnInMemoryModel() {
        int[] run = {0};
        Props.check("model", 40, r -> runOnce(r, tmp.resolve("db" + run[0]++)));
        System.out.println("model test outcomes: " + outcomes);
        assertThat(outcomes).containsKeys("put done", "put refused", "remove done", "create done", "create refused",
                "move done", "move refused");
    }

    private void runOnce(Random r, Path path) {
        MNode model = new MNode();
        Options options = r.nextBoolean() ? Options.defaults()
                : Options.defaults().durability(Options.Durability.RELAXED).flushInterval(1 + r.nextInt(10));
        Database db = Database.open(path, options);
        List<Map<String, Object>> since = new ArrayList<>(); // model states since the last clean close
        since.add(modelTree(model));
        try {
            for (int step = 0; step < 60; step++) {
                if (r.nextInt(15) == 0) {
                    db.close();
                    db = Database.open(path, options);
                    since.clear();
                    since.add(modelTree(model));
                } else if (r.nextInt(15) == 0) {
                    // killed: durable commits all survive; relaxed ones up to some commit, never part of one
                    db.crash();
                    db = Database.open(path, options);
                    Map<String, Object> after = SpecReader.read(path);
                    if (options.durability() == Options.Durability.DURABLE) {
                        assertThat(after).isEqualTo(modelTree(model));
                    } else {
                        assertThat(since).contains(after);
                        model = fromTree(after);
                    }
                    assertSame(db.root(), model, "after a crash");
                    since.clear();
                    since.add(modelTree(model));
                }
                MNode next = model.copy();
                boolean rollback = r.nextInt(6) == 0;
                if (Boolean.getBoolean("jdirs.trace")) {
                    System.out.println("-- step " + step + (rollback ? " (rolled back)" : ""));
                }
                int n = 1 + r.nextInt(4);
                Transaction tx = db.begin();
                try {
                    for (int i = 0; i < n; i++) {
                        operate(r, tx.root(), next);
                    }
                    if (rollback) {
                        tx.rollback();
                    } else {
                        tx.commit();
                        model = next;
                        since.add(modelTree(model));
                    }
                } finally {
                    tx.close();
                }
                assertSame(db.root(), model, "after step " + step);
            }
            db.close();
            db = Database.open(path, options);
            assertSame(db.root(), model, "after reopening");
            assertThat(SpecReader.read(path)).isEqualTo(modelTree(model));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            db.close();
        }
    }

    /** Outcomes over a whole run, to show that every kind of operation both succeeds and is refused. */
    private final Map<String, Integer> outcomes = new TreeMap<>();

    /** One random operation on the transaction's root and on the model: both refuse it, or both do it. */
    private void operate(Random r, Node root, MNode model) {
        List<String> p = randomPath(r);
        String key = Gen.pick(r, KEYS);
        int op = r.nextInt(10);
        String kind = op < 5 ? "put" : op < 7 ? "remove" : op < 8 ? "create" : "move";
        Object value = Gen.value(r);
        List<String> to = randomPath(r);
        to.add(key);

        MNode before = model.copy();
        boolean modelRefused = false;
        Boolean modelRemoved = null;
        try {
            switch (kind) {
                case "put" -> putModel(model, p, key, Codec.encode(value));
                case "remove" -> modelRemoved = removeModel(model, p, key);
                case "create" -> walk(model, p, true);
                default -> moveModel(model, p, to);
            }
        } catch (Refused refused) {
            modelRefused = true;
            restore(model, before);
        }
        boolean dbRefused = false;
        Boolean dbRemoved = null;
        try {
            switch (kind) {
                case "put" -> at(root, p).put(key, value);
                case "remove" -> dbRemoved = at(root, p).remove(key);
                case "create" -> at(root, p).create();
                default -> at(root, p).moveTo(at(root, to));
            }
        } catch (JdirsException | IllegalArgumentException e) {
            dbRefused = true;
            if (!modelRefused) {
                throw new AssertionError("the database refused what the model accepts: " + kind + " " + p + " " + key + " " + to, e);
            }
        }
        if (modelRefused && !dbRefused) {
            if (Boolean.getBoolean("jdirs.trace")) {
                for (String k : root.keys()) {
                    System.out.println("  db root has " + k + " : " + root.type(k));
                }
            }
            throw new AssertionError("the database accepted what the model refuses: " + kind + " " + p + " " + key + " " + to);
        }
        assertThat(dbRemoved).as("remove %s %s", p, key).isEqualTo(modelRemoved);
        outcomes.merge(kind + (modelRefused ? " refused" : " done"), 1, Integer::sum);
        if (Boolean.getBoolean("jdirs.trace")) {
            System.out.println(kind + " " + p + " " + key + (kind.equals("move") ? " -> " + to : "")
                    + (modelRefused ? " refused" : " done") + "  model " + modelTree(model).keySet());
        }
    }

    private static void restore(MNode model, MNode before) {
        model.entries.clear();
        model.entries.putAll(before.entries);
    }

    private static List<String> randomPath(Random r) {
        List<String> p = new ArrayList<>();
        for (int d = r.nextInt(3); d > 0; d--) {
            p.add(Gen.pick(r, KEYS.subList(0, 4)));
        }
        return p;
    }

    private static Node at(Node root, List<String> p) {
        Node n = root;
        for (String k : p) {
            n = n.child(k);
        }
        return n;
    }

    /** The node at p; with create, made with its parents (all checks first, then changes). */
    private static MNode walk(MNode root, List<String> p, boolean create) {
        MNode n = root;
        int i = 0;
        for (; i < p.size(); i++) {
            Object e = n.entries.get(p.get(i));
            if (e instanceof MNode child) {
                n = child;
            } else if (e != null) {
                throw new Refused("attribute on the path " + p);
            } else if (!create) {
                return null;
            } else {
                checkNew(n, p.get(i), null);
                break;
            }
        }
        for (; i < p.size(); i++) {
            MNode child = new MNode();
            n.entries.put(p.get(i), child);
            n = child;
        }
        return n;
    }

    private static void checkNew(MNode n, String key, String ignore) {
        for (String k : n.entries.keySet()) {
            if (!k.equals(key) && !k.equals(ignore) && KeyCodec.fold(k).equals(KeyCodec.fold(key))) {
                throw new Refused("case collision " + k + " / " + key);
            }
        }
    }

    private static void putModel(MNode root, List<String> p, String key, Value v) {
        MNode n = walk(root.copy(), p, true); // validate on a copy first
        Object e = n.entries.get(key);
        if (e instanceof MNode) {
            throw new Refused("a node under " + key);
        }
        if (e == null) {
            checkNew(n, key, null);
        }
        walk(root, p, true).entries.put(key, v);
    }

    private static boolean removeModel(MNode root, List<String> p, String key) {
        MNode n;
        try {
            n = walk(root, p, false);
        } catch (Refused attributeOnPath) {
            return false;
        }
        return n != null && n.entries.remove(key) != null;
    }

    private static void moveModel(MNode root, List<String> from, List<String> to) {
        if (from.isEmpty() || (to.size() >= from.size() && to.subList(0, from.size()).equals(from))) {
            throw new Refused("root, or into itself");
        }
        MNode fromParent;
        try {
            fromParent = walk(root, from.subList(0, from.size() - 1), false);
        } catch (Refused r) {
            throw new Refused("no source");
        }
        String fromKey = from.get(from.size() - 1);
        if (fromParent == null || !(fromParent.entries.get(fromKey) instanceof MNode moving)) {
            throw new Refused("no source");
        }
        List<String> toParentPath = to.subList(0, to.size() - 1);
        String toKey = to.get(to.size() - 1);
        MNode copy = root.copy();
        MNode toParent = walk(copy, toParentPath, false);
        if (toParent != null && toParent.entries.containsKey(toKey)) {
            throw new Refused("target exists");
        }
        if (toParent != null) {
            checkNew(toParent, toKey, toParentPath.equals(from.subList(0, from.size() - 1)) ? fromKey : null);
        }
        walk(copy, toParentPath, true); // refuses an attribute on the path
        fromParent.entries.remove(fromKey);
        walk(root, toParentPath, true).entries.put(toKey, moving);
    }

    /** Compares the database under a node with the model, through the public API. */
    private static void assertSame(Node node, MNode model, String when) {
        assertThat(node.keys()).as("keys of %s %s", node, when).containsExactlyElementsOf(model.entries.keySet());
        for (Map.Entry<String, Object> e : model.entries.entrySet()) {
            if (e.getValue() instanceof MNode child) {
                assertThat(node.type(e.getKey())).isEqualTo(Type.NODE);
                assertSame(node.child(e.getKey()), child, when);
            } else {
                Value expected = (Value) e.getValue();
                assertThat(node.type(e.getKey())).as("type of %s/%s", node, e.getKey()).isEqualTo(expected.type());
                Value actual = Codec.encode(node.get(e.getKey()));
                assertThat(new String(actual.bytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .as("value of %s/%s %s", node, e.getKey(), when)
                        .isEqualTo(new String(expected.bytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    /** The model a tree read from the files stands for. */
    @SuppressWarnings("unchecked")
    private static MNode fromTree(Map<String, Object> tree) {
        MNode n = new MNode();
        tree.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                n.entries.put(k, fromTree((Map<String, Object>) m));
            } else {
                String leaf = (String) v;
                String suffix = leaf.substring(0, leaf.indexOf(':'));
                String[] parts = leaf.substring(leaf.indexOf('[') + 1, leaf.length() - 1).split(", ");
                byte[] bytes = new byte[leaf.endsWith("[]") ? 0 : parts.length];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = Byte.parseByte(parts[i]);
                }
                n.entries.put(k, new Value(Type.ofSuffix(suffix), bytes));
            }
        });
        return n;
    }

    private static Map<String, Object> modelTree(MNode n) {
        Map<String, Object> out = new TreeMap<>();
        n.entries.forEach((k, v) -> out.put(k, v instanceof MNode c ? modelTree(c)
                : SpecReader.leaf(((Value) v).type().suffix(), ((Value) v).bytes())));
        return out;
    }
}
