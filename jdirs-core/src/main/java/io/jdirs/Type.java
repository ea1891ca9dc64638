package io.jdirs;

import io.jdirs.format.Codec;
import io.jdirs.format.Json;
import io.jdirs.format.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.nio.charset.StandardCharsets;

/**
 * What a key names: a child {@link #NODE}, or an attribute of one of the value types.
 *
 * <p>An attribute's type is recorded in its file name as a suffix ({@code age.int}, {@code created.instant});
 * a file without a known suffix holds a string. See docs/FORMAT.md for the text form of each type.
 * The order of the constants is part of the journal format (FORMAT.md section 9): append, never reorder.
 */
public enum Type {
    /** A child node: a directory. */
    NODE(null, null),
    /** UTF-8 text; file {@code key} (or {@code key.str} when the key contains a dot). */
    STRING("str", String.class),
    /** {@code true} or {@code false}; file {@code key.bool}. */
    BOOLEAN("bool", Boolean.class),
    /** A 32-bit integer; file {@code key.int}. */
    INT("int", Integer.class),
    /** A 64-bit integer; file {@code key.long}. */
    LONG("long", Long.class),
    /** A 64-bit floating point number; file {@code key.double}. */
    DOUBLE("double", Double.class),
    /** An exact decimal ({@link BigDecimal}); file {@code key.decimal}. */
    DECIMAL("decimal", BigDecimal.class),
    /** An integer of any size ({@link BigInteger}); file {@code key.bigint}. */
    BIGINT("bigint", BigInteger.class),
    /** A point in time in UTC, ISO-8601 ({@code 2026-11-22T10:00:00Z}); file {@code key.instant}. */
    INSTANT("instant", Instant.class),
    /** A calendar date ({@code 2026-11-22}); file {@code key.date}. */
    DATE("date", LocalDate.class),
    /** A date and time without zone ({@code 2026-11-22T10:00}); file {@code key.datetime}. */
    DATETIME("datetime", LocalDateTime.class),
    /** A date and time with a UTC offset ({@code 2026-11-22T10:00+01:00}); file {@code key.offsetdatetime}. */
    OFFSET_DATETIME("offsetdatetime", OffsetDateTime.class),
    /** A UUID in its 36-character form; file {@code key.uuid}. */
    UUID("uuid", java.util.UUID.class),
    /** Raw bytes, the file's content as it is; file {@code key.bin}. */
    BYTES("bin", byte[].class),
    /** Any JSON value (lists, sets, maps, other values), pretty-printed; file {@code key.json}. */
    JSON("json", Object.class);

    private final String suffix;
    private final Class<?> javaType;

    Type(String suffix, Class<?> javaType) {
        this.suffix = suffix;
        this.javaType = javaType;
    }

    /** The file name suffix without the dot ({@code "int"}); null for {@link #NODE}. */
    public String suffix() {
        return suffix;
    }

    /** The Java class of this type's values as {@code get(key)} returns them; null for {@link #NODE}. */
    public Class<?> javaType() {
        return javaType;
    }

    /**
     * The value a text stands for in this type, read as a file of the type is read (docs/FORMAT.md
     * section 4.2): a string as it is; other types with white space around them removed, then strictly;
     * JSON as one JSON value (a Map, List, String, Number, Boolean or null).
     *
     * @throws IllegalArgumentException saying what was expected ({@code "forty" is not an int}), and for
     *                                  bytes and nodes, which have no text form
     */
    public Object parse(String text) {
        if (this == NODE || this == BYTES) {
            throw new IllegalArgumentException(this == NODE ? "a node is not a value" : "bytes have no text form");
        }
        try {
            return Codec.natural(new Value(this, (text + (this == STRING ? "\n" : "")).getBytes(StandardCharsets.UTF_8)), null);
        } catch (InvalidDataException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * The text of a value in this type, as jdirs writes it in a file (without the final newline): the
     * value is converted to the type first (a number exactly, a string parsed).
     *
     * @throws IllegalArgumentException if the value cannot be of this type, and for bytes and nodes
     */
    public String format(Object value) {
        if (this == NODE || this == BYTES) {
            throw new IllegalArgumentException(this == NODE ? "a node is not a value" : "bytes have no text form");
        }
        Value v;
        try {
            v = this == JSON ? new Value(JSON, Json.write(value)) : Codec.encode(Codec.convert(Codec.encode(value), javaType, null));
        } catch (InvalidDataException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        byte[] b = v.bytes();
        return new String(b, 0, b.length - 1, StandardCharsets.UTF_8);
    }

    /** The type a file suffix names, or null when the suffix is not a type's. */
    public static Type ofSuffix(String suffix) {
        switch (suffix) {
            case "str": return STRING;
            case "bool": return BOOLEAN;
            case "int": return INT;
            case "long": return LONG;
            case "double": return DOUBLE;
            case "decimal": return DECIMAL;
            case "bigint": return BIGINT;
            case "instant": return INSTANT;
            case "date": return DATE;
            case "datetime": return DATETIME;
            case "offsetdatetime": return OFFSET_DATETIME;
            case "uuid": return UUID;
            case "bin": return BYTES;
            case "json": return JSON;
            default: return null;
        }
    }
}
