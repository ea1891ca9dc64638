package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "mv", description = "Moves or renames a node, with everything under it, to a path where nothing is yet "
        + "(its parents are created).",
        footer = {"", "Example:", "  jdirs mv users/u00042 archive/users/u00042"})
final class MvCommand extends DbCommand {
    @Parameters(index = "0", paramLabel = "FROM", description = "The node.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "Its new path.")
    String to;

    @Override
    void run(Database db) {
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
