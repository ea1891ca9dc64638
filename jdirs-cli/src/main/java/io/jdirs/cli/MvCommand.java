package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Type;
import picocli.CommandLine.Model.PositionalParamSpec;

final class MvCommand extends DbCommand {
    private final PositionalParamSpec fromParameter = add(parameter("FROM", "The node."));
    private final PositionalParamSpec toParameter = add(parameter("TO", "Its new path."));

    MvCommand(Main main) {
        super(main, "mv", new String[]{"Moves or renames a node, with everything under it, to a path where nothing is yet "
                + "(its parents are created)."},
                "jdirs mv users/u00042 archive/users/u00042");
    }

    @Override
    void run(Database db) {
        String from = fromParameter.getValue();
        String to = toParameter.getValue();
        KeyPath source = KeyPath.parse(from);
        KeyPath target = KeyPath.parse(to);
        if (source.isRoot() || target.isRoot()) {
            throw Failure.usage("the root node cannot be moved, nor anything moved onto it");
        }
        db.update(tx -> {
            KeyPath.Entry e = source.find(tx.root()).require();
            if (e.type() != Type.NODE) {
                throw Failure.usage(from + ": is an attribute; mv moves nodes");
            }
            e.node().moveTo(target.node(tx.root()));
        });
    }
}
