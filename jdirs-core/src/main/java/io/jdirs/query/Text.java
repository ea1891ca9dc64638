package io.jdirs.query;

import io.jdirs.Filter;
import io.jdirs.Query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Queries and filters written in the text syntax that {@link Parser} reads (docs/QUERIES.md). */
public final class Text {
    static final Set<String> KEYWORDS = Set.of("select", "where", "and", "or", "not", "order", "by", "asc", "desc",
            "limit", "offset", "after", "between", "in", "starts", "with", "contains", "ignore", "case", "exists",
            "missing", "true", "false");
    /** A key that needs no quotes: a letter or underscore, then letters, digits, {@code _ . -}. */
    static final Pattern BARE = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_.\\-]*");

    private Text() {
    }

    public static String of(Query q) {
        List<String> parts = new ArrayList<>();
        if (!q.select().isEmpty()) {
            List<String> names = new ArrayList<>();
            q.select().forEach(a -> names.add(attribute(a)));
            parts.add("select " + String.join(", ", names));
        }
        if (q.filter() != null) {
            parts.add((parts.isEmpty() ? "" : "where ") + of(q.filter()));
        }
        if (!q.order().isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (Query.Sort s : q.order()) {
                keys.add(attribute(s.attribute()) + (s.descending() ? " desc" : ""));
            }
            parts.add("order by " + String.join(", ", keys));
        }
        if (q.limit() >= 0) {
            parts.add("limit " + q.limit());
        }
        if (q.offset() > 0) {
            parts.add("offset " + q.offset());
        }
        if (q.after() != null) {
            parts.add("after " + string(q.after()));
        }
        return String.join(" ", parts);
    }

    public static String of(Filter f) {
        return filter(f, 0);
    }

    /** {@code level}: 0 in an or (or at the top), 1 in an and, 2 under a not. */
    private static String filter(Filter f, int level) {
        if (f instanceof Filter.Or o) {
            return group(o.filters(), " or ", 1, level > 0);
        }
        if (f instanceof Filter.And a) {
            return group(a.filters(), " and ", 2, level > 1);
        }
        if (f instanceof Filter.Not n) {
            return "not " + filter(n.filter(), 2);
        }
        if (f instanceof Filter.Compare c) {
            return attribute(c.attribute()) + " " + c.op().text() + " " + value(c.value());
        }
        if (f instanceof Filter.Between b) {
            return attribute(b.attribute()) + " between " + value(b.low()) + " and " + value(b.high());
        }
        if (f instanceof Filter.In in) {
            List<String> vs = new ArrayList<>();
            in.values().forEach(v -> vs.add(value(v)));
            return attribute(in.attribute()) + " in (" + String.join(", ", vs) + ")";
        }
        if (f instanceof Filter.StartsWith s) {
            return attribute(s.attribute()) + " starts with " + string(s.prefix()) + (s.ignoreCase() ? " ignore case" : "");
        }
        if (f instanceof Filter.Contains c) {
            return attribute(c.attribute()) + " contains " + value(c.value()) + (c.ignoreCase() ? " ignore case" : "");
        }
        if (f instanceof Filter.Exists e) {
            return attribute(e.attribute()) + " exists";
        }
        return attribute(((Filter.Missing) f).attribute()) + " missing";
    }

    private static String group(List<Filter> fs, String joiner, int inner, boolean parens) {
        List<String> parts = new ArrayList<>();
        fs.forEach(f -> parts.add(filter(f, inner)));
        String s = String.join(joiner, parts);
        return parens ? "(" + s + ")" : s;
    }

    /** An attribute path: bare where every key is a bare word that is not a keyword, else in backquotes. */
    public static String attribute(String a) {
        if (a.equals(Filter.KEY)) {
            return a;
        }
        boolean bare = true;
        for (String key : a.split("/")) {
            bare &= BARE.matcher(key).matches() && !KEYWORDS.contains(key.toLowerCase(Locale.ROOT));
        }
        if (bare) {
            return a;
        }
        return "`" + a.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    static String value(Object v) {
        if (v instanceof String s) {
            return string(s);
        }
        if (v instanceof BigDecimal b) {
            return b.toString();
        }
        return v.toString(); // booleans, and dates and times in ISO-8601
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
