package io.jdirs.format;

import io.jdirs.Type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A value as queries compare it and indexes order it (docs/QUERIES.md, "Comparing values"): first by
 * its {@link Kind}, then within the kind: numbers as numbers whatever their type, strings by code
 * point, dates, date-times and instants in time order. JSON and bytes values, and a missing value,
 * are equal to every other value of their kind.
 */
public final class Sortable implements Comparable<Sortable> {
    /** The kinds, in the order they sort. */
    public enum Kind { MISSING, NUMBER, STRING, BOOLEAN, DATE, DATETIME, INSTANT, UUID, JSON, BYTES }

    public static final Sortable MISSING = new Sortable(Kind.MISSING, null);
    /** A value that does not read as its type: ordered like bytes, among nothing. */
    public static final Sortable UNORDERED = new Sortable(Kind.BYTES, null);
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Object TOP = new Object(); // sorts after every value of its kind

    private final Kind kind;
    private final Object value; // Num, String, Boolean, LocalDate, LocalDateTime, Instant, UUID, TOP or null

    private Sortable(Kind kind, Object value) {
        this.kind = kind;
        this.value = value;
    }

    public Kind kind() {
        return kind;
    }

    /** A bound after every value of a kind. */
    public static Sortable top(Kind kind) {
        return new Sortable(kind, TOP);
    }

    /** The kind of an attribute type. */
    public static Kind kindOf(Type type) {
        switch (type) {
            case INT: case LONG: case DOUBLE: case DECIMAL: case BIGINT: return Kind.NUMBER;
            case STRING: return Kind.STRING;
            case BOOLEAN: return Kind.BOOLEAN;
            case DATE: return Kind.DATE;
            case DATETIME: return Kind.DATETIME;
            case INSTANT: case OFFSET_DATETIME: return Kind.INSTANT;
            case UUID: return Kind.UUID;
            case JSON: return Kind.JSON;
            case BYTES: return Kind.BYTES;
            default: throw new IllegalArgumentException(type + " is not an attribute type");
        }
    }

    /** A stored value; decoded once and kept with it. */
    public static Sortable of(Value v, String path) {
        return v.derive(Sortable.class, x -> {
            Kind kind = kindOf(x.type());
            if (kind == Kind.JSON || kind == Kind.BYTES) {
                return new Sortable(kind, null);
            }
            return fromJava(kind, Codec.convert(x, Object.class, path));
        });
    }

    /** The value a type's canonical text (as {@link Codec} writes it) stands for; null if it does not parse. */
    public static Sortable of(Type type, String text) {
        Kind kind = kindOf(type);
        if (kind == Kind.JSON || kind == Kind.BYTES) {
            return new Sortable(kind, null);
        }
        try {
            return fromJava(kind, Codec.parse(type, text, ""));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Sortable fromJava(Kind kind, Object v) {
        if (v instanceof Number n) {
            return new Sortable(kind, Num.of(n));
        }
        if (v instanceof OffsetDateTime t) {
            return new Sortable(kind, t.toInstant());
        }
        return new Sortable(kind, v);
    }

    /**
     * What a query's literal (its text, as written or as the canonical text of a Java value) stands for
     * in each kind: the text read as that kind, or null where it does not read. A date also reads as
     * the date-time at its start and the instant at its start in UTC.
     */
    public static Sortable[] readings(String text) {
        Sortable[] r = new Sortable[Kind.values().length];
        String t = text.strip();
        r[Kind.STRING.ordinal()] = new Sortable(Kind.STRING, text);
        if (DECIMAL.matcher(t).matches()) {
            r[Kind.NUMBER.ordinal()] = new Sortable(Kind.NUMBER, Num.of(new BigDecimal(t)));
        } else if (t.equals("NaN") || t.equals("Infinity") || t.equals("+Infinity") || t.equals("-Infinity")) {
            r[Kind.NUMBER.ordinal()] = new Sortable(Kind.NUMBER, Num.of(Double.parseDouble(t)));
        }
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            r[Kind.BOOLEAN.ordinal()] = new Sortable(Kind.BOOLEAN, Boolean.parseBoolean(t));
        }
        if (Codec.isUuid(t)) {
            r[Kind.UUID.ordinal()] = new Sortable(Kind.UUID, java.util.UUID.fromString(t));
        }
        if (!looksLikeDate(t)) {
            return r; // parsing would only throw
        }
        LocalDate date = parse(() -> LocalDate.parse(t));
        LocalDateTime dateTime = date != null ? date.atStartOfDay() : parse(() -> LocalDateTime.parse(t));
        Instant instant = date != null ? date.atStartOfDay().toInstant(ZoneOffset.UTC)
                : parse(() -> OffsetDateTime.parse(t).toInstant());
        if (date != null) {
            r[Kind.DATE.ordinal()] = new Sortable(Kind.DATE, date);
        }
        if (dateTime != null) {
            r[Kind.DATETIME.ordinal()] = new Sortable(Kind.DATETIME, dateTime);
        }
        if (instant != null) {
            r[Kind.INSTANT.ordinal()] = new Sortable(Kind.INSTANT, instant);
        }
        return r;
    }

    /** Whether a text starts as an ISO-8601 date does ({@code yyyy-mm-dd}): only then may it read as one. */
    private static boolean looksLikeDate(String t) {
        if (t.length() < 10 || t.charAt(4) != '-' || t.charAt(7) != '-') {
            return false;
        }
        for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9}) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether the value has an order within its kind (not missing, JSON or bytes). */
    public boolean isOrdered() {
        return value != null && value != TOP;
    }

    /** The value's canonical text, as {@link #read} reads it back; empty for missing, JSON and bytes values. */
    public String text() {
        return value == null || value == TOP ? "" : value.toString();
    }

    /** A value from its kind and {@link #text}; null if the text is not one of the kind. */
    public static Sortable read(Kind kind, String text) {
        if (kind == Kind.MISSING) {
            return MISSING;
        }
        if (kind == Kind.JSON || kind == Kind.BYTES) {
            return new Sortable(kind, null);
        }
        return readings(text)[kind.ordinal()];
    }

    /** The string of a STRING value; null for other kinds. */
    public String string() {
        return kind == Kind.STRING && value instanceof String s ? s : null;
    }

    @Override
    public int compareTo(Sortable o) {
        if (kind != o.kind) {
            return kind.compareTo(o.kind);
        }
        if (value == o.value) {
            return 0;
        }
        if (value == TOP || o.value == TOP) {
            return value == TOP ? 1 : -1;
        }
        switch (kind) {
            case NUMBER: return ((Num) value).compareTo((Num) o.value);
            case STRING: return KeyCodec.compare((String) value, (String) o.value);
            case BOOLEAN: return Boolean.compare((Boolean) value, (Boolean) o.value);
            case DATE: return ((LocalDate) value).compareTo((LocalDate) o.value);
            case DATETIME: return ((LocalDateTime) value).compareTo((LocalDateTime) o.value);
            case INSTANT: return ((Instant) value).compareTo((Instant) o.value);
            case UUID: return ((java.util.UUID) value).toString().compareTo(((java.util.UUID) o.value).toString());
            default: return 0; // missing, JSON and bytes values are not ordered among themselves
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sortable s && compareTo(s) == 0;
    }

    @Override
    public int hashCode() {
        return kind.hashCode(); // values equal by compareTo may differ in representation
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + (value == null ? "" : ":" + value);
    }

    /** A number of any type: finite ones exactly, then the infinities and NaN (after everything). */
    private record Num(BigDecimal finite, int special) implements Comparable<Num> {
        static Num of(Number n) {
            if (n instanceof Double d && (d.isNaN() || d.isInfinite())) {
                return new Num(null, d.isNaN() ? 3 : d > 0 ? 2 : -2);
            }
            if (n instanceof BigDecimal b) {
                return new Num(b, 0);
            }
            if (n instanceof BigInteger b) {
                return new Num(new BigDecimal(b), 0);
            }
            if (n instanceof Double d) {
                return new Num(new BigDecimal(Double.toString(d)), 0);
            }
            return new Num(BigDecimal.valueOf(n.longValue()), 0);
        }

        @Override
        public int compareTo(Num o) {
            if (special != 0 || o.special != 0) {
                return Integer.compare(special, o.special);
            }
            return finite.compareTo(o.finite);
        }

        @Override
        public String toString() {
            return finite != null ? finite.toString() : special == 3 ? "NaN" : special > 0 ? "Infinity" : "-Infinity";
        }
    }
}
