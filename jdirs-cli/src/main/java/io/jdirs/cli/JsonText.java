package io.jdirs.cli;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;

/** JSON in and out of the command line: strict parsing, compact lines, and pretty text laid out as jdirs writes files. */
final class JsonText {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectWriter PRETTY = MAPPER.writer().with(new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private JsonText() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses one JSON value; {@code where} names the source in the error ({@code "stdin line 3"}). */
    static JsonNode parse(String text, String where) {
        try {
            return present(MAPPER.readTree(text), where);
        } catch (JacksonException e) {
            throw Failure.badData(where + ": " + describe(e));
        }
    }

    static JsonNode parse(InputStream in, String where) {
        try {
            return present(MAPPER.readTree(in), where);
        } catch (JacksonException e) {
            throw Failure.badData(where + ": " + describe(e));
        }
    }

    private static JsonNode present(JsonNode node, String where) {
        if (node == null || node.isMissingNode()) {
            throw Failure.badData(where + ": no JSON value");
        }
        return node;
    }

    static String compact(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    static String pretty(JsonNode node) {
        return PRETTY.writeValueAsString(node);
    }

    /** A plain Java value (maps, lists, strings, numbers, booleans, null) as a JSON tree. */
    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    private static String describe(JacksonException e) {
        String message = e.getOriginalMessage().lines().findFirst().orElse("");
        TokenStreamLocation at = e.getLocation();
        return "malformed JSON: " + message
                + (at != null && at.getLineNr() > 0 ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "");
    }
}
