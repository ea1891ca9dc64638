package io.jdirs;

import io.jdirs.query.Text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A condition on the attributes of a node, for {@link Query}. Build one with the static methods
 * ({@code Filter.gt("age", 30).and(Filter.eq("active", true))}) or read one from text with
 * {@link Query#parse}; {@code toString()} gives it back as text. docs/QUERIES.md has the rules.
 *
 * <p>An attribute is named by its key, or by a slash path of keys into child nodes
 * ({@code "address/city"}); {@link #KEY} stands for the node's own key. A value is compared as the
 * attribute's type: numbers as numbers, dates as dates, strings by code point; a value that does not
 * read as the attribute's type, and a missing attribute, match no comparison (but {@code !=}).
 */
public sealed interface Filter permits Filter.Compare, Filter.Between, Filter.In, Filter.StartsWith, Filter.Contains,
        Filter.Exists, Filter.Missing, Filter.And, Filter.Or, Filter.Not {
    /** The pseudo-attribute that stands for the node's key. */
    String KEY = "@key";

    /** The comparison operators, with their text. */
    enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String text;

        Op(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** {@code attribute op value}. */
    record Compare(String attribute, Op op, Object value) implements Filter {
        public Compare {
            attribute = checkAttribute(attribute);
            Objects.requireNonNull(op, "op");
            value = literal(value);
        }

        @Override
        public String toString() {
            return Text.of(this);
        }
    }

    /** {@code attribute between low and high}, both included. */
    record Between(String attribute, Object low, Object high) implements Filter {
        public Between {
            attribute = checkAttribute(attribute);
            low = literal(low);
            high = literal(high);
        }

        @Override
        public String toString() {
            return Text.of(this);
        }
    }

    /** {@code attribute in (v1, v2, ...)}. */
    record In(String attribute, List<Object> values) implements Filter {
        public In {
            attribute = checkAttribute(attribute);
            List<Object> vs = new ArrayList<>();
            for (Object v : values) {
                vs.add(literal(v));
            }
            if (vs.isEmpty()) {
                throw new IllegalArgumentException("in needs at least one value");
            }
            values = List.copyOf(vs);
        }

        @Override
        public String toString() {
            return Text.of(this);
        }
    }

    /** A string attribute that starts with {@code prefix}; {@code ignoreCase} compares case-folded text. */
    record StartsWith(String attribute, String prefix, boolean ignoreCase) implements Filter {
        public StartsWith {
            attribute = checkAttribute(attribute);
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public String toString() {
            return Text.of(this);
        }
    }

    /**
     * A string attribute that contains {@code value} as text, or a JSON list with an element equal to
     * it; {@code ignoreCase} compares case-folded text.
     */
    record Contains(String attribute, Object value, boolean ignoreCase) implements Filter {
        public Contains {
            attribute = checkAttribute(attribute);
            value = literal(value);
        }

        @Override
        public String toString() {
            return Text.of(this);
        }
    }

    /** The key names an attribute or a child node. */
    record Exists(String attribute) implements Filter {
        public Exists {
            attribute = checkAttribute(attribute);
        }

        @Override
        public String toString() {
            return Text.of(this);
        }
    }

    /** The key names nothing. */
    record Missing(String attribute) implements Filter {
        public Missing {
            attribute = checkAttribute(attribute);
        }

        @Override
        public String toString() {
            return Text.of(this);
        }
    }

    record And(List<Filter> filters) implements Filter {
        public And {
            filters = List.copyOf(filters);
            if (filters.size() < 2) {
                throw new IllegalArgumentException("and needs two filters or more");
            }
        }

        @Override
        public String toString() {
            return Text.of(this);
        }
    }

    record Or(List<Filter> filters) implements Filter {
        public Or {
            filters = List.copyOf(filters);
            if (filters.size() < 2) {
                throw new IllegalArgumentException("or needs two filters or more");
            }
        }

        @Override
        public String toString() {
            return Text.of(this);
        }
    }

    record Not(Filter filter) implements Filter {
        public Not {
            Objects.requireNonNull(filter, "filter");
        }

        @Override
        public String toString() {
            return Text.of(this);
        }
    }

    static Filter eq(String attribute, Object value) {
        return new Compare(attribute, Op.EQ, value);
    }

    static Filter ne(String attribute, Object value) {
        return new Compare(attribute, Op.NE, value);
    }

    static Filter lt(String attribute, Object value) {
        return new Compare(attribute, Op.LT, value);
    }

    static Filter le(String attribute, Object value) {
        return new Compare(attribute, Op.LE, value);
    }

    static Filter gt(String attribute, Object value) {
        return new Compare(attribute, Op.GT, value);
    }

    static Filter ge(String attribute, Object value) {
        return new Compare(attribute, Op.GE, value);
    }

    static Filter between(String attribute, Object low, Object high) {
        return new Between(attribute, low, high);
    }

    static Filter in(String attribute, Object... values) {
        return new In(attribute, List.of(values));
    }

    static Filter startsWith(String attribute, String prefix) {
        return new StartsWith(attribute, prefix, false);
    }

    static Filter contains(String attribute, Object value) {
        return new Contains(attribute, value, false);
    }

    static Filter containsIgnoreCase(String attribute, String value) {
        return new Contains(attribute, value, true);
    }

    static Filter exists(String attribute) {
        return new Exists(attribute);
    }

    static Filter missing(String attribute) {
        return new Missing(attribute);
    }

    static Filter all(Filter... filters) {
        return new And(List.of(filters));
    }

    static Filter any(Filter... filters) {
        return new Or(List.of(filters));
    }

    static Filter not(Filter filter) {
        return new Not(filter);
    }

    /** This and {@code other}. */
    default Filter and(Filter other) {
        List<Filter> fs = new ArrayList<>(this instanceof And a ? a.filters() : List.of(this));
        fs.addAll(other instanceof And a ? a.filters() : List.of(other));
        return new And(fs);
    }

    /** This or {@code other}. */
    default Filter or(Filter other) {
        List<Filter> fs = new ArrayList<>(this instanceof Or o ? o.filters() : List.of(this));
        fs.addAll(other instanceof Or o ? o.filters() : List.of(other));
        return new Or(fs);
    }

    private static String checkAttribute(String attribute) {
        Objects.requireNonNull(attribute, "attribute");
        if (attribute.isEmpty() || attribute.startsWith("/") || attribute.endsWith("/") || attribute.contains("//")) {
            throw new IllegalArgumentException("attribute \"" + attribute + "\" is not a key or a slash path of keys");
        }
        return attribute;
    }

    /**
     * A value as queries hold it: numbers as BigDecimal (NaN and the infinities as their text),
     * strings, booleans, LocalDate, LocalDateTime, Instant and OffsetDateTime; UUIDs, characters and
     * enum constants as their text.
     */
    private static Object literal(Object v) {
        if (v instanceof BigDecimal || v instanceof String || v instanceof Boolean || v instanceof LocalDate
                || v instanceof LocalDateTime || v instanceof Instant) {
            return v;
        }
        if (v instanceof OffsetDateTime t) {
            return t.getOffset().equals(ZoneOffset.UTC) ? t.toInstant() : t;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? Double.toString(d) : new BigDecimal(v.toString());
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof java.util.UUID || v instanceof Character) {
            return v.toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        throw new IllegalArgumentException(v == null ? "a query value cannot be null (use exists or missing)"
                : v.getClass().getName() + " is not a value a query compares (numbers, strings, booleans, dates, times)");
    }
}
