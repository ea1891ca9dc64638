package io.jdirs.format;

import io.jdirs.InvalidDataException;
import io.jdirs.Type;
import tools.jackson.databind.JsonNode;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Values to file contents and back (docs/FORMAT.md, "Values"). Text types are UTF-8 followed by one
 * newline; reading strips one trailing newline from strings and surrounding white space from every
 * other text type, then parses strictly: a bad value is an {@link InvalidDataException} naming the
 * file, never a default.
 */
public final class Codec {
    /** Compiled on first use: a process that reads an int never compiles a regular expression. */
    private static final class Decimal {
        static final Pattern PATTERN = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    }

    private Codec() {
    }

    /** The type a Java class is stored as when it is a basic type, else null (JSON, or a child node). */
    public static Type typeOf(Class<?> c) {
        Class<?> b = box(c);
        if (b == String.class || b == Character.class || b.isEnum()) {
            return Type.STRING;
        }
        if (b == Integer.class || b == Short.class || b == Byte.class) {
            return Type.INT;
        }
        if (b == Double.class || b == Float.class) {
            return Type.DOUBLE;
        }
        for (Type t : Type.values()) {
            if (t != Type.NODE && t != Type.JSON && t.javaType() == b) {
                return t;
            }
        }
        return null;
    }

    /** Encodes an attribute value: basic types as their typed text, anything else as JSON. */
    public static Value encode(Object v) {
        if (v instanceof Enum<?> e) {
            v = e.name();
        } else if (v instanceof Character c) {
            v = c.toString();
        } else if (v instanceof Short || v instanceof Byte) {
            v = ((Number) v).intValue();
        } else if (v instanceof Float f) {
            v = Double.parseDouble(f.toString());
        } else if (v instanceof byte[] b) {
            return new Value(Type.BYTES, b.clone());
        }
        Type type = typeOf(v.getClass());
        if (type == null) {
            return new Value(Type.JSON, Json.write(v));
        }
        String text = type == Type.STRING ? (String) v : text(type, v);
        return new Value(type, utf8(text + "\n"));
    }

    /**
     * The natural Java value of a stored value: String, Boolean, Integer, Long, Double, BigDecimal,
     * BigInteger, Instant, LocalDate, LocalDateTime, OffsetDateTime, UUID, byte[] (a copy), or for JSON
     * a fresh Map, List, String, Number, Boolean or null.
     */
    public static Object natural(Value v, String path) {
        Object d = decoded(v, path);
        if (d instanceof JsonNode node) {
            return Json.plain(node);
        }
        return d instanceof byte[] b ? b.clone() : d;
    }

    /** The text a person reads for a value (JSON as it is in the file, without the final newline). */
    public static String text(Value v, String path) {
        Object d = decoded(v, path);
        switch (v.type()) {
            case STRING:
                return (String) d;
            case BYTES:
                throw new InvalidDataException(path, "holds bytes, not text");
            case JSON:
                return strip(decodeUtf8(v.bytes(), path));
            default:
                return text(v.type(), d);
        }
    }

    /**
     * Converts a stored value to the Java type asked for (a class, or a parameterized type for JSON).
     * Strings parse as the type asked for; numbers convert when the value fits exactly; any basic type
     * reads as a String; JSON converts through Jackson.
     */
    public static Object convert(Value v, java.lang.reflect.Type target, String path) {
        Class<?> raw = box(rawClass(target));
        Object d = decoded(v, path);
        switch (v.type()) {
            case JSON:
                return raw == Object.class && target instanceof Class ? Json.plain((JsonNode) d)
                        : Json.convert((JsonNode) d, target, path);
            case BYTES:
                if (raw == byte[].class || raw == Object.class) {
                    return ((byte[]) d).clone();
                }
                throw mismatch(path, v.type(), "(" + v.bytes().length + " bytes)", raw);
            case STRING:
                return fromString((String) d, target, raw, path);
            default:
                if (raw == Object.class || raw.isInstance(d)) {
                    return d;
                }
                if (raw == String.class) {
                    return text(v.type(), d);
                }
                if (d instanceof Number && Number.class.isAssignableFrom(raw) && typeOf(raw) != null) {
                    return exact((Number) d, raw, path);
                }
                throw mismatch(path, v.type(), text(v.type(), d), raw);
        }
    }

    private static Object fromString(String s, java.lang.reflect.Type target, Class<?> raw, String path) {
        if (raw == String.class || raw == Object.class) {
            return s;
        }
        if (raw == Character.class) {
            if (s.length() == 1) {
                return s.charAt(0);
            }
            throw new InvalidDataException(path, KeyCodec.quote(s) + " is not a single character");
        }
        if (raw.isEnum()) {
            String name = strip(s);
            for (Object constant : raw.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(name)) {
                    return constant;
                }
            }
            String expected = Arrays.toString(raw.getEnumConstants());
            throw new InvalidDataException(path, KeyCodec.quote(name) + " is not a constant of "
                    + raw.getSimpleName() + " " + expected);
        }
        Type type = typeOf(raw);
        if (type == null) {
            return Json.convert(Json.read(utf8(s), path), target, path);
        }
        if (type == Type.BYTES) {
            throw mismatch(path, Type.STRING, KeyCodec.quote(s), raw);
        }
        Object parsed = parse(type, strip(s), path);
        return parsed instanceof Number n && !raw.isInstance(parsed) ? exact(n, raw, path) : parsed;
    }

    private static Object decoded(Value v, String path) {
        Object d = v.decoded();
        if (d == null) {
            d = decode(v, path);
            v.decoded(d);
        }
        return d;
    }

    private static Object decode(Value v, String path) {
        byte[] b = v.bytes();
        switch (v.type()) {
            case BYTES:
                return b;
            case JSON:
                return Json.read(b, path);
            case STRING: {
                String s = decodeUtf8(b, path);
                return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
            }
            default:
                return parse(v.type(), strip(decodeUtf8(b, path)), path);
        }
    }

    /** Parses the (stripped) text of a basic type; the error names the file and quotes what was found. */
    static Object parse(Type type, String s, String path) {
        try {
            switch (type) {
                case STRING:
                    return s;
                case BOOLEAN:
                    if (s.equalsIgnoreCase("true")) {
                        return Boolean.TRUE;
                    }
                    if (s.equalsIgnoreCase("false")) {
                        return Boolean.FALSE;
                    }
                    break;
                case INT:
                    if (isInteger(s)) {
                        return Integer.parseInt(s);
                    }
                    break;
                case LONG:
                    if (isInteger(s)) {
                        return Long.parseLong(s);
                    }
                    break;
                case BIGINT:
                    if (isInteger(s)) {
                        return new BigInteger(s);
                    }
                    break;
                case DOUBLE:
                    if (Decimal.PATTERN.matcher(s).matches() || s.equals("NaN") || s.matches("[+-]?Infinity")) {
                        return Double.parseDouble(s);
                    }
                    break;
                case DECIMAL:
                    if (Decimal.PATTERN.matcher(s).matches()) {
                        return new BigDecimal(s);
                    }
                    break;
                case INSTANT:
                    return Instant.parse(s);
                case DATE:
                    return LocalDate.parse(s);
                case DATETIME:
                    return LocalDateTime.parse(s);
                case OFFSET_DATETIME:
                    return OffsetDateTime.parse(s);
                case UUID:
                    if (isUuid(s)) {
                        return java.util.UUID.fromString(s);
                    }
                    break;
                default:
                    break;
            }
        } catch (RuntimeException e) {
            if ((type == Type.INT || type == Type.LONG) && isInteger(s)) {
                throw new InvalidDataException(path, s + " is out of range for " + article(type));
            }
        }
        throw new InvalidDataException(path, (s.isEmpty() ? "empty text" : KeyCodec.quote(s)) + " is not " + article(type));
    }

    /** {@code [+-]?[0-9]+}. */
    public static boolean isInteger(String s) {
        int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (s.length() == start) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A UUID's 36 characters: hexadecimal digits in groups of 8, 4, 4, 4 and 12, separated by dashes. */
    static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The canonical text of a basic value, as jdirs writes it (without the newline). */
    static String text(Type type, Object v) {
        if (type == Type.DOUBLE) {
            return formatDouble((Double) v);
        }
        return v.toString();
    }

    /** Shortest round-trip digits, written plainly from 1e-6 to 1e21 and in E notation outside. */
    private static String formatDouble(double d) {
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        int exponent = Integer.parseInt(s.substring(e + 1));
        return exponent >= -6 && exponent < 21 ? new BigDecimal(s).stripTrailingZeros().toPlainString() : s;
    }

    private static Object exact(Number n, Class<?> raw, String path) {
        String shown = n instanceof Double d ? formatDouble(d) : n.toString();
        if (n instanceof Double d && (d.isNaN() || d.isInfinite())) {
            if (raw == Float.class) {
                return d.floatValue();
            }
            throw new InvalidDataException(path, shown + " does not fit in " + article(typeOf(raw)));
        }
        BigDecimal bd = n instanceof BigDecimal b ? b
                : n instanceof BigInteger bi ? new BigDecimal(bi)
                : n instanceof Double d ? new BigDecimal(formatDouble(d))
                : BigDecimal.valueOf(n.longValue());
        try {
            if (raw == Integer.class) {
                return bd.intValueExact();
            } else if (raw == Long.class) {
                return bd.longValueExact();
            } else if (raw == Short.class) {
                return bd.shortValueExact();
            } else if (raw == Byte.class) {
                return bd.byteValueExact();
            } else if (raw == BigInteger.class) {
                return bd.toBigIntegerExact();
            } else if (raw == BigDecimal.class) {
                return bd;
            } else if (raw == Double.class) {
                double d = bd.doubleValue();
                if (!Double.isInfinite(d) && new BigDecimal(formatDouble(d)).compareTo(bd) == 0) {
                    return d;
                }
            } else if (raw == Float.class) {
                float f = bd.floatValue();
                if (!Float.isInfinite(f) && new BigDecimal(Float.toString(f)).compareTo(bd) == 0) {
                    return f;
                }
            }
        } catch (ArithmeticException notExact) {
            // reported below
        }
        throw new InvalidDataException(path, shown + " does not fit exactly in " + article(typeOf(raw)));
    }

    private static InvalidDataException mismatch(String path, Type found, String shown, Class<?> wanted) {
        Type t = typeOf(wanted);
        String expected = t != null && !wanted.isEnum() ? article(t) : wanted.getSimpleName();
        return new InvalidDataException(path, shown + " is " + article(found) + ", not " + expected);
    }

    /** "an int", "a double", "a string": type names as messages use them. */
    public static String article(Type t) {
        String word = t == Type.STRING ? "string" : t == Type.NODE ? "node" : t.suffix();
        return ("aeio".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    static Class<?> rawClass(java.lang.reflect.Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (t instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
    }

    public static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        } else if (c == long.class) {
            return Long.class;
        } else if (c == double.class) {
            return Double.class;
        } else if (c == boolean.class) {
            return Boolean.class;
        } else if (c == float.class) {
            return Float.class;
        } else if (c == short.class) {
            return Short.class;
        } else if (c == byte.class) {
            return Byte.class;
        } else if (c == char.class) {
            return Character.class;
        }
        return Void.class;
    }

    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\uFEFF';
    }

    private static String decodeUtf8(byte[] b, String path) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(path, "is not UTF-8 text (name binary files with the .bin suffix)");
        }
    }

    private static byte[] utf8(String s) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            return Arrays.copyOf(b.array(), b.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string " + KeyCodec.quote(s) + " is not valid Unicode (an unpaired surrogate)");
        }
    }
}
