package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Type;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import tools.jackson.databind.JsonNode;

final class GetCommand extends DbCommand {
    private final PositionalParamSpec pathParameter = add(parameter("PATH", "A node or an attribute."));
    private final OptionSpec depthOption = add(OptionSpec.builder("--depth").paramLabel("N").type(int.class).defaultValue("1")
            .description("Levels of nodes shown with their attributes (default: ${DEFAULT-VALUE}: this node's)."));

    GetCommand(Main main) {
        super(main, "get", new String[]{"Prints an attribute's value as it is in its file (bytes raw), or a node as JSON: "
                + "its attributes, and its child nodes as objects (empty past --depth).",
                "With --json, an attribute is a JSON value (bytes in base64) and a node one line of JSON."},
                "jdirs get users/u00042/age", "jdirs get users/u00042", "jdirs get --depth 2 users");
    }

    @Override
    void run(Database db) {
        String path = pathParameter.getValue();
        int depth = depthOption.getValue();
        if (depth < 1) {
            throw Failure.usage("--depth must be 1 or more, was " + depth);
        }
        KeyPath p = KeyPath.parse(path);
        Object value = db.read(tx -> {
            KeyPath.Entry e = p.find(tx.root()).require();
            if (e.type() == Type.NODE) {
                return Values.readJson(e.node(), depth);
            } else if (main.json()) {
                return Values.readJson(e.parent(), e.key(), e.type());
            } else if (e.type() == Type.BYTES) {
                return e.parent().get(e.key(), byte[].class);
            }
            return e.type() == Type.JSON ? e.parent().get(e.key(), JsonNode.class) : e.parent().getString(e.key());
        });
        if (value instanceof String text) { // first: an attribute's text needs no JSON library
            main.out.println(text);
        } else if (value instanceof byte[] bytes) {
            main.out.writeBytes(bytes);
        } else {
            JsonNode json = (JsonNode) value;
            main.out.println(main.json() ? JsonText.compact(json) : JsonText.pretty(json));
        }
    }
}
