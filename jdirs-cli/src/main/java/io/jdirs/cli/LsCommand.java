package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Node;
import io.jdirs.Type;
import picocli.CommandLine.Model.PositionalParamSpec;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

final class LsCommand extends DbCommand {
    private static final int MAX_WIDTH = 40;

    private final PositionalParamSpec pathParameter = add(optional("PATH", "", "A node (default: the root)."));

    LsCommand(Main main) {
        super(main, "ls", new String[]{"Lists the keys of a node, child nodes with a '/' and attributes with their type.",
                "With --json, an object of keys to types ('node' for child nodes)."},
                "jdirs ls users/u00042", "jdirs ls --json users/u00042");
    }

    @Override
    void run(Database db) {
        KeyPath p = KeyPath.parse(pathParameter.getValue());
        Map<String, Type> entries = db.read(tx -> {
            KeyPath.Entry e = p.find(tx.root()).require();
            Map<String, Type> m = new LinkedHashMap<>();
            if (e.type() != Type.NODE) {
                m.put(e.key(), e.type());
                return m;
            }
            Node node = e.node();
            for (String key : node.keys()) {
                m.put(key, node.type(key));
            }
            return m;
        });
        if (main.json()) {
            ObjectNode o = JsonText.object();
            entries.forEach((key, type) -> o.put(key, Values.name(type)));
            main.out.println(JsonText.compact(o));
            return;
        }
        int width = 0;
        for (String key : entries.keySet()) {
            width = Math.max(width, Math.min(MAX_WIDTH, KeyPath.encode(key).length()));
        }
        for (Map.Entry<String, Type> e : entries.entrySet()) {
            String key = KeyPath.encode(e.getKey());
            main.out.println(e.getValue() == Type.NODE ? key + "/"
                    : key + " ".repeat(Math.max(0, width - key.length())) + "  " + Values.name(e.getValue()));
        }
    }
}
