package io.jdirs.cli;

import io.jdirs.Node;
import io.jdirs.Type;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * Attribute values on the command line: type names, values from text (given a type, or inferred), and
 * values to and from JSON. Types are named by their file suffix ({@code str}, {@code int}, ... {@code bin},
 * {@code json}). Text is read as the format reads files ({@link Type#parse}), except bytes, which are
 * base64 text wherever a value is written as text, and JSON, read strictly with line and column in errors.
 */
final class Values {
    /** What text that is not a number, a bool or JSON is tried as, in this order, before it is taken for a string. */
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
        if (type == Type.JSON) {
            return JsonText.parse(text, path);
        }
        try {
            return type == Type.BYTES ? Base64.getDecoder().decode(text.strip()) : type.parse(text);
        } catch (IllegalArgumentException e) {
            throw Failure.badData(path + ": " + (type == Type.BYTES ? quote(text) + " is not base64" : e.getMessage()));
        }
    }

    /**
     * The type a text is taken for without {@code --type}: a whole number is an int (long or bigint when
     * larger), a decimal number a double, {@code true}/{@code false} a bool, ISO-8601 text an instant, a
     * date and time with or without offset, or a date, a UUID a uuid, a JSON array or object json, and
     * anything else a string. Numbers are inferred only when they read back as written ({@code 007} is a string).
     */
    static Type infer(String text) {
        if (text.isEmpty() || !text.equals(text.strip())) {
            return Type.STRING;
        }
        if (text.equals("true") || text.equals("false")) {
            return Type.BOOLEAN;
        }
        if (isPlainNumber(text)) {
            return text.indexOf('.') < 0 ? integerType(new BigInteger(text)) : Type.DOUBLE;
        }
        if (text.endsWith("Z") && parses(Type.INSTANT, text)) {
            return Type.INSTANT;
        }
        for (Type t : INFERRED) {
            if (parses(t, text)) {
                return t;
            }
        }
        boolean container = text.startsWith("[") || text.startsWith("{");
        return container && parses(Type.JSON, text) ? Type.JSON : Type.STRING;
    }

    /** Whether a text is a number as Java writes it back: an integer, or a decimal with a point, no exponent, no {@code +}, no leading zero. */
    private static boolean isPlainNumber(String text) {
        try {
            return new BigDecimal(text).toPlainString().equals(text);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean parses(Type type, String text) {
        try {
            type.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
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

    /**
     * A value as JSON: numbers and booleans as themselves, a double that is not finite and a decimal (to
     * keep its scale) as text, bytes as base64, JSON as it is, and other values as their text in a file.
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
                return value instanceof JsonNode json ? json : JsonText.tree(value);
            default:
                return f.stringNode(type.format(value));
        }
    }

    /** A natural value (as {@code Node.get} and query rows give it) as JSON, as {@link #toJson(Type, Object)}; null as null. */
    static JsonNode toJson(Object value) {
        return value == null ? JsonNodeFactory.instance.nullNode() : toJson(typeOf(value), value);
    }

    /** A natural value as text: as jdirs writes it in its file, bytes in base64, JSON compact. */
    static String text(Object value) {
        Type type = typeOf(value);
        if (type == Type.BYTES) {
            return Base64.getEncoder().encodeToString((byte[]) value);
        }
        return type == Type.JSON ? JsonText.compact(JsonText.tree(value)) : type.format(value);
    }

    /** The type whose Java class a natural value is of; JSON for maps, lists and anything else. */
    private static Type typeOf(Object value) {
        for (Type t : Type.values()) {
            if (t != Type.NODE && t != Type.JSON && t.javaType().isInstance(value)) {
                return t;
            }
        }
        return Type.JSON;
    }

    /** An attribute's value as JSON ({@link #toJson}). */
    static JsonNode readJson(Node parent, String key, Type type) {
        Class<?> javaType = type == Type.JSON ? JsonNode.class : type.javaType();
        return toJson(type, parent.get(key, javaType));
    }

    /** A node's attributes, and its child nodes to {@code depth} levels (empty objects below). */
    static ObjectNode readJson(Node node, int depth) {
        ObjectNode o = JsonText.object();
        for (String key : node.keys()) {
            Type t = node.type(key);
            if (t == Type.NODE) {
                o.set(key, depth > 1 ? readJson(node.child(key), depth - 1) : JsonText.object());
            } else if (t != null) {
                o.set(key, readJson(node, key, t));
            }
        }
        return o;
    }

    /** The value of a type that a JSON value stands for: the inverse of {@link #toJson}. */
    static Object fromJson(Type type, JsonNode json, String path) {
        if (type == Type.JSON) {
            return json;
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
