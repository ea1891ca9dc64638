package io.jdirs.cli;

import io.jdirs.Node;
import io.jdirs.Type;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Attribute values on the command line: type names, values from text (given a type, or inferred), and
 * values to and from JSON. Types are named by their file suffix ({@code str}, {@code int}, ... {@code bin},
 * {@code json}); bytes are base64 text wherever a value is written as text.
 */
final class Values {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Integers and decimals as they read back unchanged: no sign but {@code -}, no leading zero. */
    private static final Pattern PLAIN_INTEGER = Pattern.compile("0|-?[1-9][0-9]*");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)\\.[0-9]+");
    private static final Type[] INFERRED = {Type.OFFSET_DATETIME, Type.DATETIME, Type.DATE, Type.UUID};

    private Values() {
    }

    /** The name of a type on the command line: its file suffix, {@code str} for strings, {@code node}. */
    static String name(Type type) {
        return type == Type.NODE ? "node" : type.suffix();
    }

    /** The type with this name (a file suffix, or {@code string} and {@code bytes}). */
    static Type type(String name) {
        Type t = name.equals("string") ? Type.STRING : name.equals("bytes") ? Type.BYTES : Type.ofSuffix(name);
        if (t == null) {
            throw Failure.usage("unknown type \"" + name + "\"; the types are " + Arrays.stream(Type.values())
                    .filter(x -> x != Type.NODE).map(Values::name).collect(Collectors.joining(", ")));
        }
        return t;
    }

    /** "an int", "a str": type names in messages. */
    static String article(Type type) {
        String name = name(type);
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    /** The value a text stands for in a type; the error names {@code path}. */
    static Object parse(Type type, String text, String path) {
        Object v = tryParse(type, type == Type.STRING || type == Type.JSON ? text : text.strip());
        if (v == null) {
            throw Failure.badData(path + ": " + quote(text) + " is not " + article(type));
        }
        return v;
    }

    /**
     * The type a text is taken for without {@code --type}: a whole number is an int (long or bigint when
     * larger), a decimal number a double, {@code true}/{@code false} a bool, ISO-8601 text an instant, a
     * date and time with or without offset, or a date, a UUID a uuid, a JSON array or object json, and
     * anything else a string. Numbers are inferred only when they read back as written ({@code 007} is a string).
     */
    static Type infer(String text) {
        if (PLAIN_INTEGER.matcher(text).matches()) {
            return integerType(new BigInteger(text));
        }
        if (PLAIN_DECIMAL.matcher(text).matches()) {
            return Type.DOUBLE;
        }
        if (text.equals("true") || text.equals("false")) {
            return Type.BOOLEAN;
        }
        if (text.endsWith("Z") && tryParse(Type.INSTANT, text) != null) {
            return Type.INSTANT;
        }
        for (Type t : INFERRED) {
            if (tryParse(t, text) != null) {
                return t;
            }
        }
        boolean container = text.startsWith("[") || text.startsWith("{");
        return container && tryParse(Type.JSON, text) != null ? Type.JSON : Type.STRING;
    }

    /** The smallest integer type that holds a value. */
    static Type integerType(BigInteger v) {
        return v.bitLength() < 32 ? Type.INT : v.bitLength() < 64 ? Type.LONG : Type.BIGINT;
    }

    /** An integer as a value of an integer type, or null if it does not fit. */
    static Object integer(Type type, BigInteger v) {
        if (type == Type.BIGINT) {
            return v;
        }
        int bits = type == Type.INT ? 32 : 64;
        return v.bitLength() >= bits ? null : type == Type.INT ? (Object) v.intValue() : (Object) v.longValue();
    }

    private static Object tryParse(Type type, String s) {
        try {
            switch (type) {
                case STRING:
                    return s;
                case BOOLEAN:
                    return s.equalsIgnoreCase("true") ? Boolean.TRUE : s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
                case INT:
                case LONG:
                case BIGINT:
                    return INTEGER.matcher(s).matches() ? integer(type, new BigInteger(s)) : null;
                case DOUBLE:
                    return DECIMAL.matcher(s).matches() || s.matches("NaN|[+-]?Infinity") ? Double.parseDouble(s) : null;
                case DECIMAL:
                    return DECIMAL.matcher(s).matches() ? new BigDecimal(s) : null;
                case INSTANT:
                    return Instant.parse(s);
                case DATE:
                    return LocalDate.parse(s);
                case DATETIME:
                    return LocalDateTime.parse(s);
                case OFFSET_DATETIME:
                    return OffsetDateTime.parse(s);
                case UUID:
                    return UUID_TEXT.matcher(s).matches() ? UUID.fromString(s) : null;
                case BYTES:
                    return Base64.getDecoder().decode(s);
                case JSON:
                    return JsonText.plain(JsonText.parse(s, ""));
                default:
                    return null;
            }
        } catch (DateTimeParseException | IllegalArgumentException | Failure e) {
            return null;
        }
    }

    /**
     * A value as JSON: numbers and booleans as themselves, a double that is not finite and a decimal (to
     * keep its scale) as text, bytes as base64, dates and times as ISO-8601 text, JSON as it is.
     */
    static JsonNode toJson(Type type, Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (type) {
            case BOOLEAN:
                return f.booleanNode((Boolean) value);
            case INT:
                return f.numberNode((Integer) value);
            case LONG:
                return f.numberNode((Long) value);
            case BIGINT:
                return f.numberNode((BigInteger) value);
            case DOUBLE:
                double d = (Double) value;
                return Double.isFinite(d) ? f.numberNode(d) : f.stringNode(value.toString());
            case BYTES:
                return f.stringNode(Base64.getEncoder().encodeToString((byte[]) value));
            case JSON:
                return (JsonNode) value;
            default:
                return f.stringNode(value.toString());
        }
    }

    /** An attribute's value as JSON ({@link #toJson}). */
    static JsonNode readJson(Node parent, String key, Type type) {
        Class<?> javaType = type == Type.JSON ? JsonNode.class : type.javaType();
        return toJson(type, parent.get(key, javaType));
    }

    /** The value of a type that a JSON value stands for: the inverse of {@link #toJson}. */
    static Object fromJson(Type type, JsonNode json, String path) {
        if (type == Type.JSON) {
            return JsonText.plain(json);
        }
        String text = json.isString() ? json.stringValue() : json.isNumber() || json.isBoolean() ? json.asString() : null;
        if (text == null) {
            throw Failure.badData(path + ": " + JsonText.compact(json) + " is not " + article(type));
        }
        return parse(type, text, path);
    }

    /** The type a JSON value is stored as when its key names none: string, int/long/bigint, double, bool, or json. */
    static Type infer(JsonNode json) {
        if (json.isString()) {
            return Type.STRING;
        } else if (json.isIntegralNumber()) {
            return integerType(json.bigIntegerValue());
        } else if (json.isNumber()) {
            return Type.DOUBLE;
        } else if (json.isBoolean()) {
            return Type.BOOLEAN;
        }
        return Type.JSON;
    }

    static String quote(String s) {
        return JsonText.compact(JsonNodeFactory.instance.stringNode(s));
    }
}
