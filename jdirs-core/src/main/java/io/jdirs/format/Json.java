package io.jdirs.format;

import io.jdirs.InvalidDataException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The JSON of {@code .json} attributes: pretty-printed with two-space indents, map keys sorted,
 * dates as ISO-8601 text, one trailing newline. Reading is strict (one value, nothing after it).
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .defaultPrettyPrinter(prettyPrinter())
            .addModule(new SimpleModule("jdirs").addSerializer(Set.class, new SortedSetSerializer()))
            .build();

    /** Two-space indents and "\n" on every platform, {@code "key": value}, {@code []} and {@code {}} when empty. */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter lines = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(lines)
                .withArrayIndenter(lines);
    }

    private Json() {
    }

    /** The file content for a value: pretty JSON and a newline. Sets of comparable elements are sorted. */
    public static byte[] write(Object value) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(value);
            byte[] out = new byte[json.length + 1];
            System.arraycopy(json, 0, out, 0, json.length);
            out[json.length] = '\n';
            return out;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** A value as JSON on one line (no newline), for text that is not a file. */
    public static byte[] compact(Object value) {
        return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(value);
    }

    /** Parses a {@code .json} file's content. */
    public static JsonNode read(byte[] content, String path) {
        try {
            return MAPPER.readTree(content);
        } catch (JacksonException e) {
            throw new InvalidDataException(path, "is not valid JSON: " + describe(e), e);
        }
    }

    /** The plain Java form of a JSON value: Map, List, String, Number, Boolean or null. */
    public static Object plain(JsonNode node) {
        return MAPPER.treeToValue(node, Object.class);
    }

    /** Converts a JSON value to a Java type (a class or a parameterized type such as {@code List<Address>}). */
    public static Object convert(JsonNode node, java.lang.reflect.Type target, String path) {
        try {
            return MAPPER.treeToValue(node, MAPPER.constructType(target));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidDataException(path, "cannot be read as " + target.getTypeName() + ": "
                    + (e instanceof JacksonException j ? describe(j) : e.getMessage()), e);
        }
    }

    /** Writes a set in its elements' natural order when they have one, so that files do not change at random. */
    @SuppressWarnings("rawtypes")
    private static final class SortedSetSerializer extends StdSerializer<Set> {
        SortedSetSerializer() {
            super(Set.class);
        }

        @Override
        public void serialize(Set set, JsonGenerator gen, SerializationContext ctxt) {
            List<Object> elements = new ArrayList<>(set);
            try {
                elements.sort(null);
            } catch (ClassCastException | NullPointerException notComparable) {
                elements = new ArrayList<>(set);
            }
            ctxt.writeValue(gen, elements);
        }
    }

    private static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        // Jackson's own locations name no source (it is not given one): the line and column follow
        message = message.replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)|\\s*at \\[Source: [^\\]]*\\]", "");
        TokenStreamLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            message += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return message;
    }
}
