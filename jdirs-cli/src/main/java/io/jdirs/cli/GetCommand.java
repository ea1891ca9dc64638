package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Node;
import io.jdirs.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "get", description = {"Prints an attribute's value as it is in its file (bytes raw), or a node as JSON: "
        + "its attributes, and its child nodes as objects (empty past --depth).",
        "With --json, an attribute is a JSON value (bytes in base64) and a node one line of JSON."},
        footer = {"", "Example:", "  jdirs get users/u00042/age", "  jdirs get users/u00042", "  jdirs get --depth 2 users"})
final class GetCommand extends DbCommand {
    @Parameters(paramLabel = "PATH", description = "A node or an attribute.")
    String path;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "1",
            description = "Levels of nodes shown with their attributes (default: ${DEFAULT-VALUE}: this node's).")
    int depth;

    @Override
    void run(Database db) {
        if (depth < 1) {
            throw Failure.usage("--depth must be 1 or more, was " + depth);
        }
        KeyPath p = KeyPath.parse(path);
        Object value = db.read(tx -> {
            KeyPath.Entry e = p.find(tx.root()).require();
            if (e.type() == Type.NODE) {
                return tree(e.node(), depth);
            } else if (main.json) {
                return Values.readJson(e.parent(), e.key(), e.type());
            } else if (e.type() == Type.BYTES) {
                return e.parent().get(e.key(), byte[].class);
            }
            return e.type() == Type.JSON ? e.parent().get(e.key(), JsonNode.class) : e.parent().getString(e.key());
        });
        if (value instanceof byte[] bytes) {
            main.out.writeBytes(bytes);
        } else if (value instanceof JsonNode json) {
            main.out.println(main.json ? JsonText.compact(json) : JsonText.pretty(json));
        } else {
            main.out.println(value);
        }
    }

    /** A node's attributes, and its child nodes to {@code depth} levels (empty objects below). */
    static ObjectNode tree(Node node, int depth) {
        ObjectNode o = JsonText.object();
        for (String key : node.keys()) {
            Type t = node.type(key);
            if (t == Type.NODE) {
                o.set(key, depth > 1 ? tree(node.child(key), depth - 1) : JsonText.object());
            } else if (t != null) {
                o.set(key, Values.readJson(node, key, t));
            }
        }
        return o;
    }
}
