package io.jdirs;

import io.jdirs.format.KeyCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random data, random queries and random sets of indexes: every query's results (and count, and pages
 * read through cursors) are compared with a plain evaluation of the same query on an in-memory copy of
 * the data, written here independently of jdirs' code. Between rounds the data changes, so indexes are
 * checked as commits keep them. A failure prints its seed (see {@link Props}).
 */
class QueryModelTest {
    @TempDir
    Path tmp;

    static final List<String> KEYS = List.of("n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "n11",
            "Z", "\u00e9", "\ud83d\ude00", "con", "a b", "x.int", "\uffff");
    static final List<String> ATTRS = List.of("a", "b", "s", "t");
    static final List<Object> VALUES = List.of(-2, 0, 1, 2, 3, -2L, 2L, 7L, -1.5, 0.0, 2.0, 2.5, new BigDecimal("2.50"),
            new BigDecimal("1"), "", "a", "B", "ab", "abc", "2", "10", "true", "2026-01-01", true, false,
            LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-02"), Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T12:00:00Z"), List.of("a"), List.of("B", "2"));
    static final List<Object> LITERALS = List.of(new BigDecimal("-2"), BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal("2"),
            new BigDecimal("2.5"), new BigDecimal("3"), true, false, LocalDate.parse("2026-01-01"),
            Instant.parse("2026-01-01T00:00:00Z"), "", "a", "b", "ab", "2", "2.50", "10", "true", "2026-01-01",
            "2026-01-01T12:00:00Z");

    int compared;
    int indexed;

    @Test
    void queriesAgreeWithAPlainEvaluation() {
        int[] run = {0};
        Props.check("query model", 12, r -> runOnce(r, tmp.resolve("db" + run[0]++)));
        System.out.println("query model: " + compared + " queries compared, " + indexed + " of them through an index");
        assertThat(indexed).isGreaterThan(compared / 10);
    }

    private void runOnce(Random r, Path path) {
        Map<String, Map<String, Object>> model = new TreeMap<>(KeyCodec::compare);
        try (Database db = Database.open(path, r.nextBoolean() ? Options.defaults()
                : Options.defaults().durability(Options.Durability.RELAXED))) {
            for (int round = 0; round < 4; round++) {
                mutate(r, db, model);
                if (r.nextInt(3) > 0) {
                    changeIndexes(r, db);
                }
                for (int i = 0; i < 25; i++) {
                    Query q = query(r);
                    check(db, model, q);
                }
            }
        }
    }

    private void mutate(Random r, Database db, Map<String, Map<String, Object>> model) {
        db.update(tx -> {
            int changes = 1 + r.nextInt(15);
            for (int i = 0; i < changes; i++) {
                String key = pick(r, KEYS);
                if (r.nextInt(6) == 0) {
                    tx.node("f").child(key).delete();
                    model.remove(key);
                    continue;
                }
                String attr = pick(r, ATTRS);
                Object v = r.nextInt(5) == 0 ? null : pick(r, VALUES);
                tx.node("f").child(key).put(attr, v);
                if (v == null) { // removing from a node that does not exist does not create it
                    if (model.containsKey(key)) {
                        model.get(key).remove(attr);
                    }
                } else {
                    model.computeIfAbsent(key, k -> new HashMap<>()).put(attr, v);
                }
            }
        });
    }

    private void changeIndexes(Random r, Database db) {
        for (Index i : db.indexes()) {
            if (r.nextBoolean()) {
                db.dropIndex(i.folder(), i.attributes().toArray(String[]::new));
            }
        }
        List<List<String>> choices = List.of(List.of("a"), List.of("b"), List.of("s"), List.of("a", "b"), List.of("b", "s"));
        List<String> attrs = pick(r, choices);
        if (db.indexes().stream().noneMatch(i -> i.attributes().equals(attrs))) {
            db.createIndex("f", attrs.toArray(String[]::new));
        }
    }

    private void check(Database db, Map<String, Map<String, Object>> model, Query q) {
        List<String> expected = evaluate(model, q);
        Node f = db.node("f");
        String plan = f.explain(q);
        String shown = q + "\nplan: " + plan + "\ndata: " + model;
        if (plan.startsWith("index")) {
            indexed++;
        }
        List<String> got = new ArrayList<>();
        f.find(q).forEach(n -> got.add(n.key()));
        assertThat(got).as(shown).isEqualTo(window(expected, q));
        assertThat(f.count(q)).as("count " + shown).isEqualTo(expected.size());
        if (q.limit() > 0) { // read every page through cursors
            List<String> all = new ArrayList<>();
            Query page = q.offset(0);
            String cursor = null;
            int pages = 0;
            do {
                Results res = f.find(page.after(cursor));
                res.forEach(n -> all.add(n.key()));
                cursor = res.cursor();
                assertThat(++pages).as("pages of " + shown).isLessThan(100);
            } while (cursor != null);
            assertThat(all).as("pages of " + shown).isEqualTo(expected);
        }
        compared++;
    }

    private static List<String> window(List<String> all, Query q) {
        int from = (int) Math.min(all.size(), q.offset());
        int to = q.limit() < 0 ? all.size() : (int) Math.min(all.size(), q.offset() + q.limit());
        return all.subList(from, to);
    }

    // ---- random queries

    private Query query(Random r) {
        int shape = r.nextInt(8);
        Query q = shape == 0 ? Query.all()
                : shape < 4 ? Query.where(shape == 3 ? filter(r, 2).and(filter(r, 2)) : filter(r, 2)) // conditions an index may serve
                : Query.where(filter(r, 0));
        int sorts = r.nextInt(3);
        for (int i = 0; i < sorts; i++) {
            q = q.orderBy(r.nextInt(5) == 0 ? Filter.KEY : pick(r, ATTRS), r.nextBoolean());
        }
        if (r.nextBoolean()) {
            q = q.limit(r.nextInt(5));
            if (r.nextBoolean()) {
                q = q.offset(r.nextInt(4));
            }
        }
        return Query.parse(q.toString()); // the text syntax gives the same query back
    }

    private Filter filter(Random r, int depth) {
        int choice = r.nextInt(depth > 1 ? 9 : 12);
        String a = r.nextInt(10) == 0 ? Filter.KEY : pick(r, ATTRS);
        switch (choice) {
            case 0, 1, 2:
                return new Filter.Compare(a, pick(r, List.of(Filter.Op.values())), pick(r, LITERALS));
            case 3:
                return Filter.between(a, pick(r, LITERALS), pick(r, LITERALS));
            case 4:
                return Filter.in(a, pick(r, LITERALS), pick(r, LITERALS), pick(r, LITERALS));
            case 5:
                return new Filter.StartsWith(a, pick(r, List.of("", "a", "A", "2", "2026")), r.nextBoolean());
            case 6:
                return new Filter.Contains(a, pick(r, List.of("a", "b", "B", "2", "0")), r.nextBoolean());
            case 7:
                return Filter.exists(a);
            case 8:
                return Filter.missing(a);
            case 9:
                return filter(r, depth + 1).and(filter(r, depth + 1));
            case 10:
                return filter(r, depth + 1).or(filter(r, depth + 1));
            default:
                return Filter.not(filter(r, depth + 1));
        }
    }

    // ---- the plain evaluation

    private static List<String> evaluate(Map<String, Map<String, Object>> model, Query q) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : model.entrySet()) {
            if (q.filter() == null || matches(q.filter(), e.getKey(), e.getValue())) {
                keys.add(e.getKey());
            }
        }
        Comparator<String> byKey = KeyCodec::compare;
        boolean lastDesc = !q.order().isEmpty() && q.order().get(q.order().size() - 1).descending();
        Comparator<String> order = (x, y) -> {
            for (Query.Sort s : q.order()) {
                int c = compareForSort(get(model.get(x), x, s.attribute()), get(model.get(y), y, s.attribute()));
                if (c != 0) {
                    return s.descending() ? -c : c;
                }
            }
            return lastDesc ? -byKey.compare(x, y) : byKey.compare(x, y);
        };
        keys.sort(order);
        return keys;
    }

    private static Object get(Map<String, Object> node, String key, String attribute) {
        return attribute.equals(Filter.KEY) ? key : node.get(attribute);
    }

    private static boolean matches(Filter f, String key, Map<String, Object> node) {
        if (f instanceof Filter.And a) {
            return a.filters().stream().allMatch(g -> matches(g, key, node));
        }
        if (f instanceof Filter.Or o) {
            return o.filters().stream().anyMatch(g -> matches(g, key, node));
        }
        if (f instanceof Filter.Not n) {
            return !matches(n.filter(), key, node);
        }
        if (f instanceof Filter.Exists e) {
            return get(node, key, e.attribute()) != null;
        }
        if (f instanceof Filter.Missing m) {
            return get(node, key, m.attribute()) == null;
        }
        if (f instanceof Filter.Compare c) {
            Object v = get(node, key, c.attribute());
            Integer cmp = compare(v, c.value());
            if (cmp == null) {
                return c.op() == Filter.Op.NE;
            }
            return switch (c.op()) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
            };
        }
        if (f instanceof Filter.Between b) {
            Object v = get(node, key, b.attribute());
            Integer lo = compare(v, b.low());
            Integer hi = compare(v, b.high());
            return lo != null && hi != null && lo >= 0 && hi <= 0;
        }
        if (f instanceof Filter.In in) {
            Object v = get(node, key, in.attribute());
            return in.values().stream().anyMatch(l -> Integer.valueOf(0).equals(compare(v, l)));
        }
        if (f instanceof Filter.StartsWith s) {
            return get(node, key, s.attribute()) instanceof String str
                    && (s.ignoreCase() ? str.toLowerCase(Locale.ROOT).startsWith(s.prefix().toLowerCase(Locale.ROOT)) : str.startsWith(s.prefix()));
        }
        Filter.Contains c = (Filter.Contains) f;
        Object v = get(node, key, c.attribute());
        String needle = c.value().toString();
        if (v instanceof String str) {
            return c.ignoreCase() ? str.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT)) : str.contains(needle);
        }
        if (v instanceof List<?> list) {
            return list.stream().anyMatch(x -> c.ignoreCase() ? x.toString().equalsIgnoreCase(needle) : x.toString().equals(needle));
        }
        return false;
    }

    /** How a value compares with a literal, as docs/QUERIES.md says; null if they do not compare. */
    private static Integer compare(Object v, Object literal) {
        Object l = literalAs(literal, v);
        if (l == null) {
            return null;
        }
        if (v instanceof Number n) {
            return decimal(n).compareTo((BigDecimal) l);
        }
        if (v instanceof String s) {
            return Integer.signum(KeyCodec.compare(s, (String) l));
        }
        if (v instanceof Boolean b) {
            return b.compareTo((Boolean) l);
        }
        if (v instanceof LocalDate d) {
            return d.compareTo((LocalDate) l);
        }
        return ((Instant) v).compareTo((Instant) l);
    }

    /** The literal read as the value's type; null if it does not read as it. */
    private static Object literalAs(Object literal, Object v) {
        if (v instanceof Number) {
            if (literal instanceof BigDecimal b) {
                return b;
            }
            return literal instanceof String s && s.strip().matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")
                    ? new BigDecimal(s.strip()) : null;
        }
        if (v instanceof String) {
            return literal instanceof String s ? s : null;
        }
        if (v instanceof Boolean) {
            if (literal instanceof Boolean b) {
                return b;
            }
            return literal instanceof String s && (s.strip().equalsIgnoreCase("true") || s.strip().equalsIgnoreCase("false"))
                    ? Boolean.valueOf(s.strip().toLowerCase(Locale.ROOT)) : null;
        }
        if (v instanceof LocalDate) {
            if (literal instanceof LocalDate d) {
                return d;
            }
            return literal instanceof String s ? parse(() -> LocalDate.parse(s.strip())) : null;
        }
        if (v instanceof Instant) {
            if (literal instanceof Instant i) {
                return i;
            }
            if (literal instanceof LocalDate d) {
                return d.atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (literal instanceof String s) {
                LocalDate d = parse(() -> LocalDate.parse(s.strip()));
                return d != null ? d.atStartOfDay().toInstant(ZoneOffset.UTC) : parse(() -> OffsetDateTime.parse(s.strip()).toInstant());
            }
        }
        return null; // missing, or JSON
    }

    private static <T> T parse(java.util.function.Supplier<T> p) {
        try {
            return p.get();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal b ? b : n instanceof Double d ? new BigDecimal(d.toString()) : BigDecimal.valueOf(n.longValue());
    }

    /** Sorting: missing, numbers, strings, booleans, dates, instants, JSON; in each, by value. */
    private static int compareForSort(Object x, Object y) {
        int kx = rank(x);
        int ky = rank(y);
        if (kx != ky) {
            return Integer.compare(kx, ky);
        }
        return x == null || x instanceof List ? 0 : Integer.signum(rawCompare(x, y));
    }

    private static int rawCompare(Object x, Object y) {
        if (x instanceof Number a) {
            return decimal(a).compareTo(decimal((Number) y));
        }
        if (x instanceof String a) {
            return KeyCodec.compare(a, (String) y);
        }
        if (x instanceof Boolean a) {
            return a.compareTo((Boolean) y);
        }
        if (x instanceof LocalDate a) {
            return a.compareTo((LocalDate) y);
        }
        return ((Instant) x).compareTo((Instant) y);
    }

    private static int rank(Object v) {
        return v == null ? 0 : v instanceof Number ? 1 : v instanceof String ? 2 : v instanceof Boolean ? 3
                : v instanceof LocalDate ? 4 : v instanceof Instant ? 6 : 8;
    }

    private static <T> T pick(Random r, List<T> l) {
        return l.get(r.nextInt(l.size()));
    }
}
