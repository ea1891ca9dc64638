package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Node;
import io.jdirs.Type;
import picocli.CommandLine.Model.PositionalParamSpec;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

final class PutCommand extends DbCommand {
    private final PositionalParamSpec pathParameter = add(parameter("PATH", "The node."));
    private final PositionalParamSpec fileParameter = add(optional("FILE", "-", "The JSON object; - for stdin (default)."));

    PutCommand(Main main) {
        super(main, "put", new String[]{"Writes a node and its subtree from a JSON object, in one transaction.",
                "Members are merged into the node: keys not named are left as they are, and null removes a key. An object "
                        + "is a child node; a member whose name ends with a type suffix (\"created.instant\": "
                        + "\"2026-11-22T10:00:00Z\", \"tags.json\": [...]) is an attribute of that type; any other takes "
                        + "the type of its value: a string is a str, a whole number an int (long, bigint when larger), another "
                        + "number a double, true/false a bool, an array json."},
                "echo '{\"name\": \"Dan\", \"age\": 30, \"address\": {\"city\": \"Oslo\"}}' | jdirs put users/dan",
                "jdirs put users/dan dan.json");
    }

    @Override
    void run(Database db) {
        String path = pathParameter.getValue();
        String file = fileParameter.getValue();
        KeyPath p = KeyPath.parse(path);
        String source = file.equals("-") ? "stdin" : file;
        JsonNode json = file.equals("-") ? JsonText.parse(main.in, source) : read(Path.of(file));
        if (!json.isObject()) {
            throw Failure.badData(source + ": a JSON object was expected, not " + json.getNodeType().name().toLowerCase());
        }
        db.update(tx -> write(p.node(tx.root()), json, p.text()));
    }

    private static JsonNode read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return JsonText.parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw Failure.notFound(file.toString());
        } catch (IOException e) {
            throw new Failure(Failure.IO, file + ": " + e.getMessage());
        }
    }

    /** Writes a JSON object's members into a node as {@code put} describes; {@code path} names it in messages. */
    static void write(Node node, JsonNode object, String path) {
        if (object.isEmpty()) {
            node.create();
        }
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            KeyPath.Suffixed name = KeyPath.Suffixed.of(member.getKey());
            JsonNode value = member.getValue();
            String at = path.isEmpty() ? member.getKey() : path + "/" + member.getKey();
            if (name.type() == null && value.isObject()) {
                write(child(node, name.key(), at), value, at);
            } else if (name.type() == null && value.isNull()) {
                node.remove(name.key());
            } else {
                Type type = name.type() != null ? name.type() : Values.infer(value);
                node.put(name.key(), Values.fromJson(type, value, at));
            }
        }
    }

    private static Node child(Node node, String key, String at) {
        try {
            return node.child(key);
        } catch (IllegalArgumentException e) {
            throw Failure.usage(at + ": " + e.getMessage());
        }
    }
}
