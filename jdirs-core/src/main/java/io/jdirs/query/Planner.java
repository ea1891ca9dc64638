package io.jdirs.query;

import io.jdirs.Filter;
import io.jdirs.Query;
import io.jdirs.format.NodePath;
import io.jdirs.format.Sortable;
import io.jdirs.index.IndexDef;
import io.jdirs.index.Leaves;
import io.jdirs.tx.Tx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses how a query finds its nodes. An index on the folder serves the conditions of the filter's
 * top-level {@code and} that are on its attributes, in order: equality ({@code =}, {@code in}) on the
 * first ones, then one range ({@code < <= > >=}, {@code between}, {@code starts with}) on the next;
 * the index then gives one or more ranges of entries. The index that decides the most is chosen: all of
 * the filter (nothing to check on the nodes, and a count needs no node at all), then the most equality
 * conditions, then a range. An index whose attributes are the query's sort keys (all ascending or all
 * descending) also gives the order. Otherwise, or for a subtree, or when the transaction itself changed
 * the folder, every node is visited.
 */
final class Planner {
    private Planner() {
    }

    /**
     * How to run a query: an index (null: visit the nodes) with its manifest and ranges in ascending
     * order; whether the ranges decide the whole filter; whether they give the query's order (descending:
     * read backwards).
     */
    record Plan(IndexDef index, Leaves.Manifest manifest, List<Indexes.Range> ranges, boolean exact, boolean ordered,
                boolean descending, String explanation) {
    }

    /** One stretch of values of one kind, maybe restricted to strings starting with {@code prefix}. */
    private record Interval(Sortable low, boolean lowIncluded, Sortable high, boolean highIncluded, String prefix) {
        boolean isPoint() {
            return low.compareTo(high) == 0 && lowIncluded && highIncluded && prefix == null;
        }
    }

    private record Candidate(IndexDef def, List<Indexes.Range> ranges, boolean exact, int points, boolean range,
                             boolean ordered, boolean descending, String served) {
        int score() {
            return (exact ? 1000 : 0) + 10 * points + (range ? 5 : 0) + (ordered ? 1 : 0);
        }
    }

    static Plan plan(Tx tx, NodePath at, Query q) {
        String where = at.depth() == 0 ? "the root" : at.dir();
        if (q.subtree()) {
            return scan("visit every node under " + where + " (indexes serve the children of one folder)");
        }
        List<IndexDef> defs = new ArrayList<>();
        for (IndexDef d : tx.indexes()) {
            if (d.folder().equals(at.dir())) {
                defs.add(d);
            }
        }
        if (defs.isEmpty()) {
            return scan("visit the children of " + where + ": there is no index on " + where);
        }
        if (tx.changedAt(at)) {
            return scan("visit the children of " + where + ": this transaction changed " + where
                    + ", and its indexes do not have those changes yet");
        }
        List<Filter> conjuncts = q.filter() == null ? List.of()
                : q.filter() instanceof Filter.And a ? a.filters() : List.of(q.filter());
        List<String> notes = new ArrayList<>();
        Candidate best = null;
        for (IndexDef def : defs) {
            Candidate c = candidate(def, conjuncts, q);
            if (c == null) {
                notes.add(def + " serves none of the conditions" + (q.order().isEmpty() ? "" : " nor the order"));
            } else if (!Indexes.usable(tx, def)) {
                notes.add(def + " is not used now: " + Indexes.problem(tx, def));
            } else if (best == null || c.score() > best.score()) {
                best = c;
            }
        }
        if (best == null) {
            return scan(String.join("\n", append(List.of("visit the children of " + where + ":"), notes)));
        }
        List<String> lines = new ArrayList<>();
        lines.add("index " + best.def() + ": " + best.served());
        lines.add(best.exact() ? "the index decides the whole filter: a count reads no node"
                : q.filter() == null ? "no filter" : "then check the filter on each node found");
        lines.add(best.ordered() ? "the index gives the order" + (q.limit() >= 0 ? ", and the query stops at its limit" : "")
                : "then sort the results by " + (q.order().isEmpty() ? "key" : "the sort keys"));
        for (String n : notes) {
            lines.add("also: " + n);
        }
        return new Plan(best.def(), Indexes.manifest(tx, best.def()), best.ranges(), best.exact(), best.ordered(),
                best.descending(), String.join("\n", lines));
    }

    private static List<String> append(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Plan scan(String why) {
        return new Plan(null, null, List.of(), false, false, false, why);
    }

    /** What an index can do for a query; null if nothing. */
    private static Candidate candidate(IndexDef def, List<Filter> conjuncts, Query q) {
        List<List<Interval>> columns = new ArrayList<>();
        List<Filter> used = new ArrayList<>();
        for (String attribute : def.attributes()) {
            List<Interval> column = null;
            for (Filter f : conjuncts) {
                List<Interval> iv = intervals(f, attribute);
                if (iv != null) {
                    column = column == null ? iv : intersect(column, iv);
                    used.add(f);
                }
            }
            if (column == null) {
                break;
            }
            columns.add(column);
            if (!column.stream().allMatch(Interval::isPoint)) {
                break;
            }
        }
        List<String> sortKeys = q.order().stream().map(Query.Sort::attribute).toList();
        boolean sameDirection = q.order().stream().allMatch(Query.Sort::descending)
                || q.order().stream().noneMatch(Query.Sort::descending);
        boolean ordered = sortKeys.equals(def.attributes()) && sameDirection;
        boolean descending = ordered && q.order().get(0).descending();
        if (columns.isEmpty()) {
            return ordered ? new Candidate(def, List.of(Indexes.Range.ALL), conjuncts.isEmpty(), 0, false, true,
                    descending, "all of it, in order") : null;
        }
        List<Indexes.Range> ranges = ranges(columns);
        if (ranges == null) {
            return null; // too many combinations of values
        }
        int points = columns.get(columns.size() - 1).stream().allMatch(Interval::isPoint) ? columns.size() : columns.size() - 1;
        List<String> shown = used.stream().map(Filter::toString).toList();
        return new Candidate(def, ranges, used.size() == conjuncts.size(), points, points < columns.size(), ordered,
                descending, ranges.size() + (ranges.size() == 1 ? " range" : " ranges") + " for " + String.join(" and ", shown));
    }

    /** The ranges of entries for these columns: every combination of the points of the first ones, then the last's intervals. */
    private static List<Indexes.Range> ranges(List<List<Interval>> columns) {
        List<Sortable[]> prefixes = new ArrayList<>();
        prefixes.add(new Sortable[0]);
        int last = columns.size() - 1;
        boolean lastIsPoints = columns.get(last).stream().allMatch(Interval::isPoint);
        for (int c = 0; c < (lastIsPoints ? columns.size() : last); c++) {
            List<Sortable[]> next = new ArrayList<>();
            for (Sortable[] p : prefixes) {
                for (Interval i : columns.get(c)) {
                    Sortable[] q = Arrays.copyOf(p, p.length + 1);
                    q[p.length] = i.low();
                    next.add(q);
                }
            }
            prefixes = next;
            if (prefixes.size() > 1024) {
                return null;
            }
        }
        List<Indexes.Range> ranges = new ArrayList<>();
        for (Sortable[] p : prefixes) {
            if (lastIsPoints) {
                ranges.add(new Indexes.Range(p, true, p, true, -1, null));
                continue;
            }
            for (Interval i : columns.get(last)) {
                Sortable[] low = Arrays.copyOf(p, p.length + 1);
                Sortable[] high = Arrays.copyOf(p, p.length + 1);
                low[p.length] = i.low();
                high[p.length] = i.high();
                ranges.add(new Indexes.Range(low, i.lowIncluded(), high, i.highIncluded(), p.length, i.prefix()));
            }
        }
        return ranges;
    }

    /**
     * The values a condition on {@code attribute} allows, as intervals in order (one kind each); null if
     * the condition is not one an index serves (or is on another attribute).
     */
    private static List<Interval> intervals(Filter f, String attribute) {
        List<Interval> out = new ArrayList<>();
        if (f instanceof Filter.Compare c && c.attribute().equals(attribute) && c.op() != Filter.Op.NE) {
            Sortable[] r = Matcher.readings(c.value());
            for (Sortable.Kind k : Sortable.Kind.values()) {
                Sortable v = r[k.ordinal()];
                if (v == null) {
                    continue;
                }
                Sortable bottom = Sortable.top(Sortable.Kind.values()[k.ordinal() - 1]);
                Sortable top = Sortable.top(k);
                out.add(switch (c.op()) {
                    case EQ -> new Interval(v, true, v, true, null);
                    case LT -> new Interval(bottom, false, v, false, null);
                    case LE -> new Interval(bottom, false, v, true, null);
                    case GT -> new Interval(v, false, top, true, null);
                    default -> new Interval(v, true, top, true, null); // GE
                });
            }
            return out;
        }
        if (f instanceof Filter.Between b && b.attribute().equals(attribute)) {
            Sortable[] low = Matcher.readings(b.low());
            Sortable[] high = Matcher.readings(b.high());
            for (Sortable.Kind k : Sortable.Kind.values()) {
                if (low[k.ordinal()] != null && high[k.ordinal()] != null && low[k.ordinal()].compareTo(high[k.ordinal()]) <= 0) {
                    out.add(new Interval(low[k.ordinal()], true, high[k.ordinal()], true, null));
                }
            }
            return out;
        }
        if (f instanceof Filter.In in && in.attribute().equals(attribute)) {
            List<Sortable> points = new ArrayList<>();
            for (Object v : in.values()) {
                for (Sortable s : Matcher.readings(v)) {
                    if (s != null && points.stream().noneMatch(p -> p.compareTo(s) == 0)) {
                        points.add(s);
                    }
                }
            }
            points.sort(null);
            points.forEach(p -> out.add(new Interval(p, true, p, true, null)));
            return out;
        }
        if (f instanceof Filter.StartsWith s && s.attribute().equals(attribute) && !s.ignoreCase()) {
            Sortable p = Sortable.readings(s.prefix())[Sortable.Kind.STRING.ordinal()];
            out.add(new Interval(p, true, Sortable.top(Sortable.Kind.STRING), true, s.prefix()));
            return out;
        }
        return null;
    }

    /** The values both lists of intervals allow. */
    private static List<Interval> intersect(List<Interval> a, List<Interval> b) {
        List<Interval> out = new ArrayList<>();
        for (Interval x : a) {
            for (Interval y : b) {
                if (x.high().kind() != y.high().kind()) {
                    continue;
                }
                int lc = x.low().compareTo(y.low());
                Sortable low = lc >= 0 ? x.low() : y.low();
                boolean lowIn = lc > 0 ? x.lowIncluded() : lc < 0 ? y.lowIncluded() : x.lowIncluded() && y.lowIncluded();
                int hc = x.high().compareTo(y.high());
                Sortable high = hc <= 0 ? x.high() : y.high();
                boolean highIn = hc < 0 ? x.highIncluded() : hc > 0 ? y.highIncluded() : x.highIncluded() && y.highIncluded();
                String prefix = x.prefix() == null ? y.prefix() : y.prefix() == null ? x.prefix()
                        : x.prefix().startsWith(y.prefix()) ? x.prefix() : y.prefix().startsWith(x.prefix()) ? y.prefix() : null;
                boolean noPrefix = x.prefix() != null && y.prefix() != null && prefix == null;
                int span = low.compareTo(high);
                if (!noPrefix && (span < 0 || (span == 0 && lowIn && highIn))) {
                    out.add(new Interval(low, lowIn, high, highIn, prefix));
                }
            }
        }
        return out;
    }
}
