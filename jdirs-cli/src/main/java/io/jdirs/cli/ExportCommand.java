package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Type;
import picocli.CommandLine.Model.PositionalParamSpec;
import tools.jackson.databind.node.ObjectNode;

final class ExportCommand extends DbCommand {
    /** Lines between checks that stdout still takes them, so that {@code export | head} stops early. */
    private static final int CHECK_EVERY = 256;

    private final PositionalParamSpec pathParameter = add(optional("PATH", "", "The node (default: the root)."));

    ExportCommand(Main main) {
        super(main, "export", new String[]{"Writes a node and everything under it to stdout as JSON Lines, one line per "
                + "node in key order: {\"path\": \"users/u00001\", \"attributes\": {\"age.int\": 42, \"name\": \"Alice\", ...}}.",
                "Paths are relative to PATH, keys escaped as on the command line. Attribute names carry their type suffix "
                        + "(none for a string), values are JSON: numbers and booleans as themselves, decimals and dates as "
                        + "text, bytes in base64, json attributes as their JSON. import reads it back, types included.",
                "Each node is read in a transaction of its own: stop writers for a snapshot of the whole."},
                "jdirs export > backup.jsonl", "jdirs export users/u00042");
    }

    @Override
    void run(Database db) {
        String path = pathParameter.getValue();
        KeyPath top = KeyPath.parse(path);
        if (db.read(tx -> top.find(tx.root()).require().type()) != Type.NODE) {
            throw Failure.usage(path + ": is an attribute; export takes a node");
        }
        long[] lines = {0};
        try (Progress progress = new Progress(main, "export", "nodes")) {
            Walk.each(db, top, (node, entries) -> {
                ObjectNode attributes = JsonText.object();
                entries.forEach((key, type) -> {
                    if (type != Type.NODE) {
                        attributes.set(KeyPath.Suffixed.name(key, type), Values.readJson(node, key, type));
                    }
                });
                return attributes;
            }, (keys, attributes) -> {
                ObjectNode line = JsonText.object();
                line.put("path", KeyPath.join(keys));
                line.set("attributes", attributes);
                main.out.println(JsonText.compact(line));
                if (++lines[0] % CHECK_EVERY == 0 && main.out.checkError()) {
                    throw new Failure(Failure.IO, "stdout: cannot write (closed by the reader?)");
                }
                progress.step(1);
            });
        }
    }
}
