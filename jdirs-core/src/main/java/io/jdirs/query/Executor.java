package io.jdirs.query;

import io.jdirs.Filter;
import io.jdirs.Query;
import io.jdirs.Type;
import io.jdirs.format.Codec;
import io.jdirs.format.Json;
import io.jdirs.format.KeyCodec;
import io.jdirs.format.NodePath;
import io.jdirs.format.Sortable;
import io.jdirs.format.Value;
import io.jdirs.tx.Tx;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Runs queries in a transaction: plans them ({@link Planner}), finds the candidate nodes by an index or
 * by visiting the folder (streaming its names: memory grows with the results kept, not the folder),
 * reads only the attributes the filter, the order and the selection need, and orders and pages the
 * results.
 */
public final class Executor {
    private Executor() {
    }

    /** What a query found: the nodes, their selected attributes, and the cursor of the next page (null if none). */
    public record Found(List<NodePath> nodes, List<Map<String, Object>> rows, String cursor) {
    }

    public static Found find(Tx tx, NodePath at, Query q) {
        Planner.Plan plan = Planner.plan(tx, at, q);
        Collector c = new Collector(tx, q, plan);
        visit(tx, at, q, plan, c::offer);
        return c.result();
    }

    /** How many nodes match the filter (order, limit, offset and cursor do not count). */
    public static long count(Tx tx, NodePath at, Query q) {
        Planner.Plan plan = Planner.plan(tx, at, q.after(null));
        long[] n = {0};
        if (plan.exact()) {
            for (Indexes.Range r : plan.ranges()) {
                n[0] += Indexes.count(tx, plan.index(), plan.manifest(), r);
            }
            return n[0];
        }
        Predicate<Matcher.Subject> filter = Matcher.compile(q.filter());
        visit(tx, at, q, plan, (node, rel) -> {
            if (filter.test(new NodeSubject(tx, node))) {
                n[0]++;
            }
            return true;
        });
        return n[0];
    }

    public static String explain(Tx tx, NodePath at, Query q) {
        return Planner.plan(tx, at, q).explanation();
    }

    interface Visitor {
        /** A candidate node, with its keys below the node the query runs on; false stops the visit. */
        boolean offer(NodePath node, List<String> rel);
    }

    private static void visit(Tx tx, NodePath at, Query q, Planner.Plan plan, Visitor v) {
        if (q.subtree()) {
            walk(tx, at, new ArrayList<>(), v);
        } else if (plan.index() == null) {
            tx.forEachChild(at, key -> v.offer(at.child(key), List.of(key)));
        } else {
            for (Indexes.Range r : plan.ordered() && plan.descending() ? reversed(plan.ranges()) : plan.ranges()) {
                if (!Indexes.scan(tx, plan.index(), plan.manifest(), r, plan.descending(),
                        e -> v.offer(at.child(e.node()), List.of(e.node())))) {
                    return;
                }
            }
        }
    }

    private static <T> List<T> reversed(List<T> l) {
        List<T> r = new ArrayList<>(l);
        java.util.Collections.reverse(r);
        return r;
    }

    /** Every node under {@code node}, depth first. */
    private static boolean walk(Tx tx, NodePath node, List<String> rel, Visitor v) {
        return tx.forEachChild(node, key -> {
            List<String> keys = new ArrayList<>(rel);
            keys.add(key);
            NodePath child = node.child(key);
            return v.offer(child, keys) && walk(tx, child, keys, v);
        });
    }

    /** A node as the filter reads it: attributes looked up once, through the transaction. */
    static final class NodeSubject implements Matcher.Subject {
        private static final Seen NOTHING = new Seen(false, null, null);
        private final Tx tx;
        private final NodePath node;
        private final Map<String, Seen> seen = new HashMap<>();

        /** What an attribute names: nothing, a child node (no value), or a value in a file. */
        private record Seen(boolean exists, Value value, String path) {
        }

        NodeSubject(Tx tx, NodePath node) {
            this.tx = tx;
            this.node = node;
        }

        @Override
        public Value value(String attribute) {
            return seen.computeIfAbsent(attribute, this::lookUp).value();
        }

        @Override
        public boolean exists(String attribute) {
            return seen.computeIfAbsent(attribute, this::lookUp).exists();
        }

        @Override
        public Sortable sortable(String attribute) {
            Seen f = seen.computeIfAbsent(attribute, this::lookUp);
            return f.value() == null ? Sortable.MISSING : Sortable.of(f.value(), f.path());
        }

        private Seen lookUp(String attribute) {
            if (attribute.equals(Filter.KEY)) {
                return new Seen(true, new Value(Type.STRING, (node.key() + "\n").getBytes(StandardCharsets.UTF_8)), node.dir());
            }
            int slash = attribute.lastIndexOf('/');
            NodePath p = slash < 0 ? node : node.resolve(attribute.substring(0, slash));
            String key = attribute.substring(slash + 1);
            Type t = tx.type(p, key);
            if (t == null) {
                return NOTHING;
            }
            return t == Type.NODE ? new Seen(true, null, null) : new Seen(true, tx.value(p, key), tx.pathOf(p, key));
        }

        /** An attribute as results carry it: its natural Java value, or null. */
        Object natural(String attribute) {
            Seen f = seen.computeIfAbsent(attribute, this::lookUp);
            return f.value() == null ? null : attribute.equals(Filter.KEY) ? node.key() : Codec.natural(f.value(), f.path());
        }
    }

    /** One result: the node, its keys below the query's node, and its sort values. */
    private record Row(NodePath node, List<String> rel, Sortable[] values) {
    }

    /**
     * Keeps the results in order: all of them, or with a limit only the first {@code offset + limit + 1}
     * (a heap), or, when they come in order from an index, stops the visit once it has enough.
     */
    private static final class Collector {
        private final Tx tx;
        private final Query q;
        private final boolean inOrder;
        private final Comparator<Row> order;
        private final long need;
        private final Row after;
        private final List<Row> rows = new ArrayList<>();
        private final PriorityQueue<Row> heap;
        private final Predicate<Matcher.Subject> filter;

        Collector(Tx tx, Query q, Planner.Plan plan) {
            this.tx = tx;
            this.q = q;
            this.inOrder = plan.ordered();
            this.filter = Matcher.compile(plan.exact() ? null : q.filter()); // what the index did not decide
            this.order = comparator(q);
            this.need = q.limit() < 0 ? Long.MAX_VALUE : q.offset() + q.limit() + 1;
            this.heap = !inOrder && q.limit() >= 0 ? new PriorityQueue<>(order.reversed()) : null;
            this.after = q.after() == null ? null : decode(q.after(), q.order().size());
        }

        boolean offer(NodePath node, List<String> rel) {
            NodeSubject s = new NodeSubject(tx, node);
            if (!filter.test(s)) {
                return true;
            }
            Sortable[] values = new Sortable[q.order().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = s.sortable(q.order().get(i).attribute());
            }
            Row r = new Row(node, rel, values);
            if (after != null && order.compare(r, after) <= 0) {
                return true;
            }
            if (heap != null) {
                heap.add(r);
                if (heap.size() > need) {
                    heap.poll();
                }
                return true;
            }
            rows.add(r);
            return !inOrder || rows.size() < need;
        }

        Found result() {
            if (heap != null) {
                rows.addAll(heap);
            }
            if (!inOrder) {
                rows.sort(order);
            }
            long end = q.limit() < 0 ? rows.size() : Math.min(rows.size(), q.offset() + q.limit());
            List<NodePath> nodes = new ArrayList<>();
            List<Map<String, Object>> maps = new ArrayList<>();
            for (long i = q.offset(); i < end; i++) {
                Row r = rows.get((int) i);
                nodes.add(r.node());
                maps.add(row(r.node()));
            }
            String cursor = end < rows.size() && end > q.offset() ? encode(rows.get((int) end - 1)) : null;
            return new Found(nodes, maps, cursor);
        }

        /** The selected attributes of a node (all of them if the query selects none), read in the query's transaction. */
        private Map<String, Object> row(NodePath node) {
            Map<String, Object> m = new LinkedHashMap<>();
            NodeSubject s = new NodeSubject(tx, node);
            if (q.select().isEmpty()) {
                for (String key : tx.keys(node)) {
                    Type t = tx.type(node, key);
                    if (t != null && t != Type.NODE) {
                        m.put(key, tx.get(node, key, Object.class));
                    }
                }
            } else {
                for (String a : q.select()) {
                    m.put(a, s.natural(a));
                }
            }
            return m;
        }
    }

    /** The order of results: by the sort keys, then by the keys of the nodes in the direction of the last sort key. */
    private static Comparator<Row> comparator(Query q) {
        List<Query.Sort> sorts = q.order();
        boolean lastDescending = !sorts.isEmpty() && sorts.get(sorts.size() - 1).descending();
        return (a, b) -> {
            for (int i = 0; i < sorts.size(); i++) {
                int c = a.values()[i].compareTo(b.values()[i]);
                if (c != 0) {
                    return sorts.get(i).descending() ? -c : c;
                }
            }
            int c = comparePaths(a.rel(), b.rel());
            return lastDescending ? -c : c;
        };
    }

    private static int comparePaths(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = KeyCodec.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** A cursor: the last result's sort values (kind and text) and keys, as base64url JSON. */
    private static String encode(Row r) {
        List<String> parts = new ArrayList<>();
        for (Sortable s : r.values()) {
            parts.add(s.kind().name());
            parts.add(s.text());
        }
        parts.add("/");
        parts.addAll(r.rel());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.compact(parts));
    }

    private static Row decode(String cursor, int sortKeys) {
        try {
            JsonNode a = Json.read(Base64.getUrlDecoder().decode(cursor), "cursor");
            Sortable[] values = new Sortable[sortKeys];
            for (int i = 0; i < sortKeys; i++) {
                values[i] = Sortable.read(Sortable.Kind.valueOf(a.get(2 * i).asString()), a.get(2 * i + 1).asString());
                if (values[i] == null) {
                    throw new IllegalArgumentException();
                }
            }
            if (!a.get(2 * sortKeys).asString().equals("/")) {
                throw new IllegalArgumentException();
            }
            List<String> rel = new ArrayList<>();
            for (int i = 2 * sortKeys + 1; i < a.size(); i++) {
                rel.add(a.get(i).asString());
            }
            return new Row(null, rel, values);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("\"" + cursor + "\" is not a cursor of a query with this order");
        }
    }

}
