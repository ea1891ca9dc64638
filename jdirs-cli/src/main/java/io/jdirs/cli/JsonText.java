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
import java.util.Optional;

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

    /**
     * A JSON value as {@code Node.put} stores it in a {@code .json} attribute: a container as maps and lists
     * (written with sorted keys), a scalar in an {@code Optional}, which jdirs writes as JSON as well (a
     * plain string or number would be a {@code str} or {@code int} attribute, and a {@code JsonNode} a node).
     */
    static Object plain(JsonNode node) {
        Object value = MAPPER.treeToValue(node, Object.class);
        return node.isContainer() ? value : Optional.ofNullable(value);
    }

    private static String describe(JacksonException e) {
        String message = e.getOriginalMessage().lines().findFirst().orElse("");
        TokenStreamLocation at = e.getLocation();
        return "malformed JSON: " + message
                + (at != null && at.getLineNr() > 0 ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "");
    }
}
