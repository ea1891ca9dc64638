package io.jdirs.query;

import io.jdirs.Filter;
import io.jdirs.Type;
import io.jdirs.format.Codec;
import io.jdirs.format.KeyCodec;
import io.jdirs.format.Sortable;
import io.jdirs.format.Value;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;

/**
 * Filters compiled for evaluation on one node at a time: every literal is read once as each kind of
 * value ({@link Sortable#readings}), so a comparison picks the reading of the attribute's kind. The
 * rules (docs/QUERIES.md): a value that does not read as the attribute's kind, a missing attribute and
 * a child node match no comparison, except {@code !=}; {@code starts with} applies to strings, and
 * {@code contains} to strings and to JSON lists (an element equal to the value).
 */
final class Matcher {
    private Matcher() {
    }

    /** What a filter reads of a node. */
    interface Subject {
        /** The attribute's value; null if it is missing or names a child node. */
        Value value(String attribute);

        /** Whether the attribute names an attribute or a child node. */
        boolean exists(String attribute);

        /** The attribute's value as queries compare it ({@link Sortable#MISSING} when absent). */
        Sortable sortable(String attribute);
    }

    static Predicate<Subject> compile(Filter f) {
        if (f == null) {
            return s -> true;
        }
        if (f instanceof Filter.And a) {
            List<Predicate<Subject>> ps = a.filters().stream().map(Matcher::compile).toList();
            return s -> {
                for (Predicate<Subject> p : ps) {
                    if (!p.test(s)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (f instanceof Filter.Or o) {
            List<Predicate<Subject>> ps = o.filters().stream().map(Matcher::compile).toList();
            return s -> {
                for (Predicate<Subject> p : ps) {
                    if (p.test(s)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (f instanceof Filter.Not n) {
            return compile(n.filter()).negate();
        }
        if (f instanceof Filter.Compare c) {
            Sortable[] lit = readings(c.value());
            String a = c.attribute();
            return s -> {
                Sortable v = s.sortable(a);
                Sortable l = lit[v.kind().ordinal()];
                if (l == null || !v.isOrdered()) {
                    return c.op() == Filter.Op.NE;
                }
                int cmp = v.compareTo(l);
                return switch (c.op()) {
                    case EQ -> cmp == 0;
                    case NE -> cmp != 0;
                    case LT -> cmp < 0;
                    case LE -> cmp <= 0;
                    case GT -> cmp > 0;
                    case GE -> cmp >= 0;
                };
            };
        }
        if (f instanceof Filter.Between b) {
            Sortable[] low = readings(b.low());
            Sortable[] high = readings(b.high());
            return s -> {
                Sortable v = s.sortable(b.attribute());
                int k = v.kind().ordinal();
                return v.isOrdered() && low[k] != null && high[k] != null && v.compareTo(low[k]) >= 0 && v.compareTo(high[k]) <= 0;
            };
        }
        if (f instanceof Filter.In in) {
            List<Sortable[]> lits = in.values().stream().map(Matcher::readings).toList();
            return s -> {
                Sortable v = s.sortable(in.attribute());
                for (Sortable[] lit : lits) {
                    Sortable l = lit[v.kind().ordinal()];
                    if (l != null && v.isOrdered() && v.compareTo(l) == 0) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (f instanceof Filter.StartsWith sw) {
            String prefix = sw.ignoreCase() ? KeyCodec.fold(sw.prefix()) : sw.prefix();
            return s -> {
                String v = s.sortable(sw.attribute()).string();
                return v != null && (sw.ignoreCase() ? KeyCodec.fold(v) : v).startsWith(prefix);
            };
        }
        if (f instanceof Filter.Contains c) {
            String text = text(c.value());
            String needle = c.ignoreCase() ? KeyCodec.fold(text) : text;
            Sortable[] lit = readings(c.value());
            return s -> {
                Value v = s.value(c.attribute());
                if (v == null) {
                    return false;
                }
                if (v.type() == Type.JSON) {
                    return Codec.natural(v, c.attribute()) instanceof List<?> list && hasElement(list, lit, c.ignoreCase() ? needle : null);
                }
                String str = s.sortable(c.attribute()).string();
                return str != null && (c.ignoreCase() ? KeyCodec.fold(str) : str).contains(needle);
            };
        }
        if (f instanceof Filter.Exists e) {
            return s -> s.exists(e.attribute());
        }
        return s -> !s.exists(((Filter.Missing) f).attribute());
    }

    /** Whether a JSON list has an element equal to the literal (strings compared folded when {@code folded} is set). */
    private static boolean hasElement(List<?> list, Sortable[] lit, String folded) {
        for (Object element : list) {
            if (element instanceof String str) {
                if (folded != null ? KeyCodec.fold(str).equals(folded) : str.equals(lit[Sortable.Kind.STRING.ordinal()].string())) {
                    return true;
                }
            } else if (element instanceof Number || element instanceof Boolean) {
                Sortable l = lit[(element instanceof Number ? Sortable.Kind.NUMBER : Sortable.Kind.BOOLEAN).ordinal()];
                if (l != null && Sortable.readings(element.toString())[l.kind().ordinal()].compareTo(l) == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A literal read as each kind it compares with: a string as every kind its text reads as (so
     * {@code "42"} equals the int 42 and the string "42"); a number only as a number, a boolean only as a
     * boolean, a date as a date, the date-time and the instant (UTC) it starts; a date-time as a date-time;
     * an instant or a time with an offset as an instant.
     */
    static Sortable[] readings(Object literal) {
        Sortable[] r = Sortable.readings(text(literal));
        if (literal instanceof String) {
            return r;
        }
        List<Sortable.Kind> kinds = literal instanceof BigDecimal ? List.of(Sortable.Kind.NUMBER)
                : literal instanceof Boolean ? List.of(Sortable.Kind.BOOLEAN)
                : literal instanceof java.time.LocalDate ? List.of(Sortable.Kind.DATE, Sortable.Kind.DATETIME, Sortable.Kind.INSTANT)
                : literal instanceof java.time.LocalDateTime ? List.of(Sortable.Kind.DATETIME)
                : List.of(Sortable.Kind.INSTANT);
        Sortable[] only = new Sortable[r.length];
        for (Sortable.Kind k : kinds) {
            only[k.ordinal()] = r[k.ordinal()];
        }
        return only;
    }

    /** The text of a literal as {@link Filter} holds it. */
    static String text(Object literal) {
        return literal instanceof BigDecimal b ? b.toString() : literal.toString();
    }
}
