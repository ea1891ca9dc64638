package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Index;
import io.jdirs.Type;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** index create, drop and list: the secondary indexes that queries use by themselves (docs/QUERIES.md section 6). */
final class IndexCommand extends Command {
    IndexCommand(Main main) {
        super(main, "index", new String[]{"Creates, drops and lists the indexes of the database. An index orders the "
                + "child nodes of a folder by one or more of their attributes; queries on the folder use it by "
                + "themselves (jdirs explain says which), and a unique index refuses two nodes with the same values."},
                "jdirs index create users age", "jdirs index create users email --unique", "jdirs index list",
                "jdirs index drop users age");
        spec.addSubcommand("create", new Create(main).spec);
        spec.addSubcommand("drop", new Drop(main).spec);
        spec.addSubcommand("list", new ListIndexes(main).spec);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say what to do: index create, index drop or index list");
    }

    /** An index as the command line shows it: {@code users(age)}, {@code users(email) unique}. */
    static String describe(Index index) {
        return (index.folder().isEmpty() ? "/" : folder(index)) + "(" + String.join(", ", index.attributes()) + ")"
                + (index.unique() ? " unique" : "");
    }

    /** An index as JSON: {@code {"folder": "users", "attributes": ["age"], "unique": false}}. */
    static ObjectNode json(Index index) {
        ObjectNode o = JsonText.object().put("folder", folder(index));
        index.attributes().forEach(o.putArray("attributes")::add);
        return o.put("unique", index.unique());
    }

    /** An index's folder as the command line writes paths: keys escaped, the root empty. */
    private static String folder(Index index) {
        return KeyPath.join(List.of(index.folder().split("/")));
    }

    /** The folder and attributes of create and drop. */
    private abstract static class Definition extends DbCommand {
        private final PositionalParamSpec folderParameter = add(parameter("FOLDER",
                "The node whose child nodes the index orders (/ for the root)."));
        private final PositionalParamSpec attributesParameter = add(parameter("ATTR",
                "The attributes (keys of the child nodes), in order.").arity("1..*").type(List.class)
                .auxiliaryTypes(String.class));

        Definition(Main main, String name, String[] description, String... examples) {
            super(main, name, description, examples);
        }

        /** FOLDER, whose keys the API joins with '/' (so none may hold one). */
        KeyPath folder() {
            KeyPath p = KeyPath.parse(folderParameter.getValue());
            for (String key : p.keys()) {
                if (key.indexOf('/') >= 0) {
                    throw Failure.usage(p.text() + ": an index cannot be on a folder whose key holds a '/'");
                }
            }
            return p;
        }

        String[] attributes() {
            List<String> attributes = attributesParameter.getValue();
            return attributes.toArray(new String[0]);
        }
    }

    private static final class Create extends Definition {
        private final OptionSpec uniqueOption = add(flag("No two child nodes may have the same values (nodes missing "
                + "an attribute are not compared).", "--unique"));

        Create(Main main) {
            super(main, "create", new String[]{"Declares an index on the child nodes of FOLDER by the values of the "
                    + "attributes, and builds it: this reads every child node. With --unique, a folder whose nodes "
                    + "already share values is refused, naming two of them."},
                    "jdirs index create users age", "jdirs index create users active created",
                    "jdirs index create users email --unique");
        }

        @Override
        void run(Database db) {
            KeyPath path = folder();
            if (db.read(tx -> path.find(tx.root()).type()) != Type.NODE) {
                throw new Failure(Failure.NOT_FOUND, path.text() + ": not found; an index is on the child nodes of a node");
            }
            String folder = String.join("/", path.keys());
            String[] attributes = attributes();
            boolean unique = uniqueOption.getValue();
            Index index = new Index(folder, List.of(attributes), unique);
            try (Progress progress = new Progress(main, "indexing " + describe(index), "nodes")) {
                db.createIndex(folder, List.of(attributes), unique, progress::at);
            }
        }
    }

    private static final class Drop extends Definition {
        Drop(Main main) {
            super(main, "drop", new String[]{"Removes an index: FOLDER and ATTR as it was created with."},
                    "jdirs index drop users age");
        }

        @Override
        void run(Database db) {
            KeyPath path = folder();
            String[] attributes = attributes();
            if (!db.dropIndex(String.join("/", path.keys()), attributes)) {
                throw new Failure(Failure.NOT_FOUND, path.text() + "(" + String.join(", ", attributes) + "): no such index");
            }
        }
    }

    private static final class ListIndexes extends DbCommand {
        ListIndexes(Main main) {
            super(main, "list", new String[]{"Lists the indexes, one a line: folder(attributes), and unique for a unique "
                    + "index. With --json, JSON Lines: {\"folder\": ..., \"attributes\": [...], \"unique\": ...}."},
                    "jdirs index list", "jdirs index list --json");
        }

        @Override
        void run(Database db) {
            for (Index index : db.indexes()) {
                main.out.println(main.json() ? JsonText.compact(json(index)) : describe(index));
            }
        }
    }
}
